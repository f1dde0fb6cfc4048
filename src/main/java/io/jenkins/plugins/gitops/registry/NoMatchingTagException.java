package io.jenkins.plugins.gitops.registry;

/** No tag of a repository satisfies a policy; the message names the repository, the policy and how many tags were seen. */
public final class NoMatchingTagException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int considered;

    NoMatchingTagException(String image, TagPolicy policy, int considered) {
        super("no tag of " + image + " matches " + policy.describe() + " (" + considered + " tags seen)");
        this.considered = considered;
    }

    public int considered() {
        return considered;
    }
}
