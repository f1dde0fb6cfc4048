package io.jenkins.plugins.gitops.promote;

import java.io.Serializable;
import java.util.List;

/**
 * What a promotion did.
 *
 * @param commit the promotion commit; for a no-op, the branch tip that already holds the images
 * @param changed whether a commit was made and pushed
 * @param files the changed files, relative to the repository root, sorted
 * @param attempts how many times the branch tip was fetched and the edit applied
 * @param branch the branch the commit was pushed to (the pull-request branch in that mode); for a
 *     no-op, the promotion's branch
 */
public record PromotionResult(String commit, boolean changed, List<String> files, int attempts, String branch)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public PromotionResult {
        files = List.copyOf(files);
    }
}
