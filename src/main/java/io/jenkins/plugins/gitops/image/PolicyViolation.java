package io.jenkins.plugins.gitops.image;

/** An image refused by a {@link PromotionPolicy}; the message names the rule, the image and why. */
public final class PolicyViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The rules of {@link PromotionPolicy}, by the name a person sees in the message. */
    public enum Rule {
        PINNED_VERSION("pinned version"),
        ALLOWED_REGISTRY("allowed registries"),
        DIGEST_REQUIRED("digest required");

        private final String title;

        Rule(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private final Rule rule;
    private final String image;

    PolicyViolation(Rule rule, ImageReference image, String reason) {
        super("image '" + image + "' breaks the promotion rule '" + rule + "': " + reason);
        this.rule = rule;
        this.image = image.toString();
    }

    public Rule rule() {
        return rule;
    }

    /** The refused image as written. */
    public String image() {
        return image;
    }
}
