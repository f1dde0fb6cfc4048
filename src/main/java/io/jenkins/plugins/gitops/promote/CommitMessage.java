package io.jenkins.plugins.gitops.promote;

import java.util.List;

/** The promotion commit message of DESIGN.md section 5.1: a subject, an optional body, trailers. */
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
}
