package io.jenkins.plugins.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Pushes test images to an anonymous registry over the distribution API as {@code docker push} does: the config
 * blob (a monolithic upload: POST, then PUT with the digest), then the manifest under a tag. The images have no
 * layers; their config says when they were built.
 */
public final class RegistryImages {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public RegistryImages(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Pushes an image built at {@code created} under {@code repository:tag} and returns its manifest digest. */
    public String push(String repository, String tag, Instant created) {
        String config = """
                {"architecture":"amd64","os":"linux","created":"%s","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"""
                .formatted(created);
        String configDigest = pushBlob(repository, config.getBytes(StandardCharsets.UTF_8));
        String manifest = """
                {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"application/vnd.oci.image.config.v1+json",\
                "digest":"%s","size":%d},"layers":[]}""".formatted(OCI_MANIFEST, configDigest, config.length());
        return putManifest(repository, tag, OCI_MANIFEST, manifest);
    }

    /** Pushes an index of one linux/amd64 image under {@code repository:tag}; returns the index digest. */
    public String pushIndex(String repository, String tag, String imageDigest, int imageSize) {
        String index = """
                {"schemaVersion":2,"mediaType":"%s","manifests":[{"mediaType":"%s","digest":"%s","size":%d,\
                "platform":{"architecture":"amd64","os":"linux"}}]}""".formatted(OCI_INDEX, OCI_MANIFEST, imageDigest, imageSize);
        return putManifest(repository, tag, OCI_INDEX, index);
    }

    /** The manifest bytes a digest names, to learn their size for an index. */
    public byte[] manifest(String repository, String reference) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v2/" + repository + "/manifests/" + reference))
                .header("Accept", OCI_MANIFEST).GET().build(), 200).body();
    }

    public String putManifest(String repository, String tag, String mediaType, String manifest) {
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), 201);
        return sha256(bytes);
    }

    private String pushBlob(String repository, byte[] blob) {
        String digest = sha256(blob);
        HttpResponse<byte[]> started = send(HttpRequest.newBuilder(URI.create(baseUrl + "/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        URI location = URI.create(baseUrl).resolve(started.headers().firstValue("Location").orElseThrow());
        String separator = location.getRawQuery() == null ? "?" : "&";
        send(HttpRequest.newBuilder(URI.create(location + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), 201);
        return digest;
    }

    private HttpResponse<byte[]> send(HttpRequest request, int expected) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != expected) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
