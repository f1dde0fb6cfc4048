package io.jenkins.plugins.gitops.promote;

/**
 * What a revert did.
 *
 * @param commit the revert commit, now the tip of {@code branch}
 * @param reverted the full id of the promotion commit it reverts
 * @param attempts how many times the branch tip was fetched and the revert made
 * @param branch the branch the revert was pushed to
 */
public record RevertResult(String commit, String reverted, int attempts, String branch) {}
