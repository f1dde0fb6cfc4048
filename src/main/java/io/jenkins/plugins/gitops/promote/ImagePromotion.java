package io.jenkins.plugins.gitops.promote;

import io.jenkins.plugins.gitops.image.ImageReference;
import io.jenkins.plugins.gitops.image.PromotionPolicy;
import io.jenkins.plugins.gitops.manifest.ImageUpdater;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A promotion of image references: the images are parsed and checked against the promotion policy
 * before anything is fetched, and the transaction's edit is the image editor run on the promotion's
 * directory of each fresh checkout.
 *
 * @param promotion what to promote where
 * @param images the promotion's images, parsed, in the promotion's order
 */
public record ImagePromotion(Promotion promotion, List<ImageReference> images) {

    public ImagePromotion {
        images = List.copyOf(images);
    }

    /**
     * @throws IllegalArgumentException naming an image that is not a valid reference
     * @throws io.jenkins.plugins.gitops.image.PolicyViolation naming an image the policy refuses
     */
    public static ImagePromotion of(Promotion promotion, PromotionPolicy policy) {
        List<ImageReference> images = promotion.images().stream().map(ImageReference::parse).toList();
        images.forEach(policy::check);
        return new ImagePromotion(promotion, images);
    }

    /**
     * The edit: every place under the promotion's path (a directory, or one file) naming one of the images'
     * repositories gets its tag and digest. An image that matches nothing there fails the promotion before
     * anything is committed; errors name files by their path inside the repository.
     */
    public ConfigEdit edit() {
        return target -> ImageUpdater.update(target, promotion.path().value(), images).changedFiles().stream().map(Path::of).toList();
    }

    /** Runs the promotion in {@code transaction}. */
    public PromotionResult run(PromotionTransaction transaction) throws IOException {
        return transaction.run(promotion, edit());
    }
}
