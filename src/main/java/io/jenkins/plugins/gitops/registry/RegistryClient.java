package io.jenkins.plugins.gitops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.gitops.image.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The few read calls of the OCI distribution API that choosing an image needs: the tag list (following
 * {@code Link} pages), a tag's manifest digest, and an image's creation time from its config. It answers the
 * {@code WWW-Authenticate} challenge of a 401 with basic credentials or a bearer token from the realm the
 * challenge names, and keeps tokens per scope for its lifetime.
 *
 * <p>No Maven Central library fits: jib-core's registry client is internal API without tag listing, and the
 * others are far larger than these three calls over {@code java.net.http}.
 */
public final class RegistryClient {

    /** Manifests and indexes, OCI and Docker v2, in the order a registry should prefer them. */
    static final List<String> MANIFEST_MEDIA_TYPES = List.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private static final String ACCEPT_MANIFESTS = String.join(", ", MANIFEST_MEDIA_TYPES);
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 1000;
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final RegistryCredentials credentials;
    private final Duration timeout;
    private final boolean privateCa;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    private RegistryClient(HttpClient http, RegistryCredentials credentials, Duration timeout, boolean privateCa) {
        this.http = http;
        this.credentials = credentials;
        this.timeout = timeout;
        this.privateCa = privateCa;
    }

    /**
     * @param caFile PEM certificates to trust instead of the JVM's, for a registry with a private CA
     * @param timeout bounds connecting and each response
     */
    public static RegistryClient create(RegistryCredentials credentials, Optional<Path> caFile, Duration timeout)
            throws RegistryException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (caFile.isPresent()) {
            builder.sslContext(trusting(caFile.get()));
        }
        return new RegistryClient(builder.build(), credentials, timeout, caFile.isPresent());
    }

    private static SSLContext trusting(Path caFile) throws RegistryException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new RegistryException("CA file " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new RegistryException("CA file " + caFile + " cannot be read: " + e.getMessage(), e);
        }
    }

    public RegistryRepository repository(ImageReference image) {
        return RegistryRepository.of(image, privateCa);
    }

    /** Every tag of the repository, in the registry's order, following {@code Link: <...>; rel="next"} pages. */
    public List<String> tags(RegistryRepository repository) throws RegistryException {
        List<String> tags = new ArrayList<>();
        URI page = repository.uri("/tags/list?n=" + PAGE_SIZE);
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            HttpResponse<byte[]> response = send(repository, "GET", page, "application/json");
            JsonNode list = json(repository, page, response.body()).path("tags");
            list.forEach(tag -> tags.add(tag.asText()));
            Optional<URI> next = LinkHeader.next(page, response.headers().allValues("Link"));
            if (next.isEmpty()) {
                return tags;
            }
            page = next.get();
        }
        throw new RegistryException(repository + " lists more than " + MAX_PAGES + " pages of tags");
    }

    /** The digest of the manifest (or index) a tag points at, as a pull by digest would need it. */
    public String digest(RegistryRepository repository, String tag) throws RegistryException {
        URI uri = repository.uri("/manifests/" + tag);
        HttpResponse<byte[]> head = send(repository, "HEAD", uri, ACCEPT_MANIFESTS);
        Optional<String> digest = head.headers().firstValue("Docker-Content-Digest");
        if (digest.isPresent()) {
            return digest.get();
        }
        // Some registries leave the header out; the digest is then that of the bytes they serve.
        return sha256(send(repository, "GET", uri, ACCEPT_MANIFESTS).body());
    }

    /**
     * When the image was built: {@code created} of its config. For an index, the config of its linux/amd64
     * image, or of its first image when it has none. Empty when the config does not say.
     */
    public Optional<Instant> created(RegistryRepository repository, String tag) throws RegistryException {
        URI uri = repository.uri("/manifests/" + tag);
        JsonNode manifest = json(repository, uri, send(repository, "GET", uri, ACCEPT_MANIFESTS).body());
        if (manifest.has("manifests")) {
            JsonNode chosen = platformImage(manifest.path("manifests"));
            if (chosen == null) {
                return Optional.empty();
            }
            uri = repository.uri("/manifests/" + chosen.path("digest").asText());
            manifest = json(repository, uri, send(repository, "GET", uri, ACCEPT_MANIFESTS).body());
        }
        String config = manifest.path("config").path("digest").asText("");
        if (config.isEmpty()) {
            return Optional.empty();
        }
        URI blob = repository.uri("/blobs/" + config);
        String created = json(repository, blob, send(repository, "GET", blob, "*/*").body()).path("created").asText("");
        try {
            return created.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(created));
        } catch (DateTimeParseException e) {
            throw new RegistryException(repository + ":" + tag + " has config created '" + created + "', not an RFC 3339 time");
        }
    }

    private static JsonNode platformImage(JsonNode manifests) {
        return StreamSupport.stream(manifests.spliterator(), false)
                .filter(m -> m.path("platform").path("os").asText().equals("linux")
                        && m.path("platform").path("architecture").asText().equals("amd64"))
                .findFirst()
                .orElse(manifests.size() > 0 ? manifests.get(0) : null);
    }

    private HttpResponse<byte[]> send(RegistryRepository repository, String method, URI uri, String accept)
            throws RegistryException {
        String scope = repository.pullScope();
        String authorization = authorizations.get(scope);
        HttpResponse<byte[]> response = exchange(repository, method, uri, accept, authorization);
        if (response.statusCode() == 401) {
            AuthChallenge challenge = AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(null))
                    .orElseThrow(() -> new RegistryException(repository.host() + " answered 401 to " + method + " "
                            + uri.getRawPath() + " without a WWW-Authenticate challenge"));
            authorization = authorize(repository, challenge, scope);
            authorizations.put(scope, authorization);
            response = exchange(repository, method, uri, accept, authorization);
            if (response.statusCode() == 401) {
                throw new RegistryException(repository.host() + " refused " + credentials + " for " + repository.path()
                        + " (401 after authenticating)");
            }
        }
        if (response.statusCode() / 100 != 2) {
            throw new RegistryException(repository.host() + " answered " + response.statusCode() + " to " + method + " "
                    + uri.getRawPath() + registryError(response.body()));
        }
        return response;
    }

    /**
     * One request, following up to {@value #MAX_REDIRECTS} redirects itself: blobs are often served from storage
     * elsewhere (S3, a CDN) by a presigned URL, which refuses a second authentication, so the registry's
     * {@code Authorization} goes only to the registry's own scheme and authority, and never from HTTPS to HTTP.
     */
    private HttpResponse<byte[]> exchange(RegistryRepository repository, String method, URI uri, String accept,
            String authorization) throws RegistryException {
        URI target = uri;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(timeout)
                    .header("Accept", accept)
                    .header("User-Agent", "gitops-agent")
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (authorization != null && sameOrigin(repository.base(), target)) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new RegistryException("cannot reach " + target.getScheme() + "://" + target.getRawAuthority() + " for "
                        + repository.path() + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted reading " + repository, e);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new RegistryException(repository.host() + " redirected " + uri.getRawPath() + " more than " + MAX_REDIRECTS
                        + " times");
            }
            URI next = target.resolve(location.get());
            if (target.getScheme().equals("https") && !next.getScheme().equals("https")) {
                throw new RegistryException(repository.host() + " redirected " + uri.getRawPath() + " from HTTPS to " + next.getScheme());
            }
            target = next;
        }
    }

    private static boolean sameOrigin(URI base, URI target) {
        return base.getScheme().equals(target.getScheme()) && base.getRawAuthority().equals(target.getRawAuthority());
    }

    private String authorize(RegistryRepository repository, AuthChallenge challenge, String scope) throws RegistryException {
        if (challenge.scheme().equals("basic")) {
            if (credentials.isAnonymous()) {
                throw new RegistryException(repository.host() + " requires a user name and password for " + repository.path());
            }
            return credentials.basicAuthorization();
        }
        if (!challenge.scheme().equals("bearer") || challenge.parameter("realm").isEmpty()) {
            throw new RegistryException(repository.host() + " asks for authentication scheme '" + challenge.scheme()
                    + "', which is neither Basic nor Bearer with a realm");
        }
        String wanted = challenge.parameter("scope").isEmpty() ? scope : challenge.parameter("scope");
        StringBuilder query = new StringBuilder(challenge.parameter("realm"))
                .append(challenge.parameter("realm").contains("?") ? '&' : '?')
                .append("scope=").append(URLEncoder.encode(wanted, StandardCharsets.UTF_8));
        if (!challenge.parameter("service").isEmpty()) {
            query.append("&service=").append(URLEncoder.encode(challenge.parameter("service"), StandardCharsets.UTF_8));
        }
        URI realm;
        try {
            realm = URI.create(query.toString());
        } catch (IllegalArgumentException e) {
            throw new RegistryException(repository.host() + " names token realm '" + challenge.parameter("realm")
                    + "', not a URL");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(realm).timeout(timeout).GET().header("Accept", "application/json");
        if (!credentials.isAnonymous()) {
            request.header("Authorization", credentials.basicAuthorization());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException("cannot reach token service " + realm.getHost() + " for " + repository + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted authenticating to " + repository, e);
        }
        if (response.statusCode() != 200) {
            throw new RegistryException("token service " + realm.getHost() + " answered " + response.statusCode() + " for "
                    + credentials + " and scope " + wanted);
        }
        JsonNode body = json(repository, realm, response.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException("token service " + realm.getHost() + " answered without a token for scope " + wanted);
        }
        return "Bearer " + token;
    }

    private static JsonNode json(RegistryRepository repository, URI uri, byte[] body) throws RegistryException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException(repository.host() + " answered " + uri.getRawPath() + " with something other than JSON");
        }
    }

    /** The first error of a distribution API error body, as {@code : CODE message}, or nothing. */
    private static String registryError(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode error = JSON.readTree(body).path("errors").path(0);
            return error.isMissingNode() ? "" : ": " + error.path("code").asText() + " " + error.path("message").asText();
        } catch (IOException e) {
            return "";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
