package io.jenkins.plugins.gitops.git;

/**
 * The message of a revert commit, chosen from the commit being reverted. It may refuse the revert by
 * throwing (a commit that is not of the kind the caller reverts); nothing is committed then.
 */
@FunctionalInterface
public interface RevertMessage {

    /** {@code git revert}'s own message: {@code Revert "<subject>"} and {@code This reverts commit <id>.} */
    RevertMessage AS_GIT_DOES = (commit, message) -> standard(commit, message);

    /**
     * @param commit the full id of the commit being reverted
     * @param message that commit's full message
     * @return the revert commit's full message
     */
    String of(String commit, String message);

    /** The subject and body {@code git revert} writes, ending in a newline. */
    static String standard(String commit, String message) {
        String subject = message.lines().findFirst().orElse("").strip();
        return "Revert \"" + subject + "\"\n\nThis reverts commit " + commit + ".\n";
    }
}
