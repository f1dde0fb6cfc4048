package io.jenkins.plugins.gitops.promote;

import io.jenkins.plugins.gitops.git.RevertMessage;
import java.util.List;

/**
 * The promotion commit message of DESIGN.md section 5.1 (a subject, an optional body, trailers), and the
 * message of a promotion's revert.
 */
final class CommitMessage {

    /** Beyond this many images the subject counts them instead of listing them. */
    private static final int LISTED_IMAGES = 3;

    private CommitMessage() {}

    static String of(Promotion promotion) {
        StringBuilder text = new StringBuilder(subject(promotion.images(), promotion.environment())).append("\n\n");
        promotion.message().ifPresent(body -> text.append(body).append("\n\n"));
        promotion.images().forEach(image -> text.append("Promoted-Image: ").append(image).append('\n'));
        promotion.provenance().ifPresent(build -> {
            text.append("Promoted-By: ").append(build.job()).append(" #").append(build.buildNumber()).append('\n');
            build.buildUrl().ifPresent(url -> text.append("Build-Url: ").append(url).append('\n'));
        });
        return text.toString();
    }

    static String subject(List<String> images, String environment) {
        String what;
        if (images.size() == 1) {
            what = images.get(0);
        } else if (images.size() <= LISTED_IMAGES) {
            what = String.join(", ", images.subList(0, images.size() - 1)) + " and " + images.get(images.size() - 1);
        } else {
            what = images.size() + " images";
        }
        return "Promote " + what + " to " + environment;
    }

    /** Whether {@code message} is that of a promotion commit to {@code environment}: its subject and an image trailer. */
    static boolean isPromotionTo(String message, String environment) {
        String subject = message.lines().findFirst().orElse("");
        return subject.startsWith("Promote ") && subject.endsWith(" to " + environment)
                && message.lines().anyMatch(line -> line.startsWith("Promoted-Image: "));
    }

    /**
     * {@code Revert "<subject>"}, the body {@code git revert} writes naming the commit, and trailers naming who
     * asked ({@code Reverted-By}, when a person did) and from where ({@code Reverted-From: <job> [#<build>]},
     * {@code Build-Url}).
     */
    static String revert(String commit, String message, RevertRequester requester) {
        StringBuilder text = new StringBuilder(RevertMessage.standard(commit, message)).append('\n');
        requester.user().ifPresent(user -> text.append("Reverted-By: ").append(user).append('\n'));
        text.append("Reverted-From: ").append(requester.origin()).append('\n');
        requester.buildUrl().ifPresent(url -> text.append("Build-Url: ").append(url).append('\n'));
        return text.toString();
    }
}
