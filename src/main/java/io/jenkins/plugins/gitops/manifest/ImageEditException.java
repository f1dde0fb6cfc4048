package io.jenkins.plugins.gitops.manifest;

/** An image edit that cannot be made; the one-line message names the image, file and line where it can. */
public final class ImageEditException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImageEditException(String message) {
        super(message);
    }
}
