package io.jenkins.plugins.gitops.promote;

/**
 * A promotion that could not be done, with a one-line reason naming the repository, branch or path at
 * fault. Nothing was pushed. Git failures arrive as {@code GitException} instead.
 */
public final class PromotionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PromotionException(String message) {
        super(message);
    }

    public PromotionException(String message, Throwable cause) {
        super(message, cause);
    }
}
