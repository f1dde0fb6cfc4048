package io.jenkins.plugins.gitops.registry;

import io.jenkins.plugins.gitops.image.ImageReference;
import java.net.URI;

/**
 * Where the distribution API of an image's repository lives. Docker Hub's conventions apply: a reference
 * without a registry, or naming {@code docker.io}, is served by {@code registry-1.docker.io}, and a
 * one-component path is under {@code library/}. A registry on a loopback address is spoken to over plain HTTP,
 * as Docker treats {@code 127.0.0.0/8} as an insecure registry, unless the client trusts a private CA;
 * every other registry over HTTPS.
 *
 * @param host the registry host and port as the client connects to it
 * @param base the scheme and authority, for example {@code https://registry-1.docker.io}
 * @param path the repository path inside the registry, for example {@code library/nginx}
 */
public record RegistryRepository(String host, URI base, String path) {

    static final String DOCKER_HUB_API = "registry-1.docker.io";

    public static RegistryRepository of(ImageReference image, boolean privateCa) {
        String domain = image.domain();
        String path = image.repository().substring(domain.length() + 1);
        String host = domain.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_API : domain;
        String scheme = isLoopback(host) && !privateCa ? "http" : "https";
        return new RegistryRepository(host, URI.create(scheme + "://" + host), path);
    }

    private static boolean isLoopback(String host) {
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":[0-9]+$", "");
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }

    URI uri(String pathAndQuery) {
        return base.resolve("/v2/" + path + pathAndQuery);
    }

    /** The token scope for pulling from this repository. */
    String pullScope() {
        return "repository:" + path + ":pull";
    }

    @Override
    public String toString() {
        return host + "/" + path;
    }
}
