package io.jenkins.plugins.gitops.jenkins;

import hudson.model.Cause;

/** Why {@link ImagePublishedTrigger} started a build: the image it saw published. */
public class ImagePublishedCause extends Cause {

    private final String image;

    public ImagePublishedCause(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    @Override
    public String getShortDescription() {
        return "Started because image " + image + " was published";
    }
}
