package io.jenkins.plugins.gitops.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A token service as the distribution registry's {@code token} auth expects (the Docker token protocol): for a
 * {@code GET /token?service=...&scope=repository:NAME:pull} with the right basic credentials it answers
 * {@code {"token": JWT}}, an RS256 JWT whose {@code x5c} header carries the signing certificate the registry
 * trusts. It grants exactly the actions asked for, and remembers the scopes it was asked for.
 */
public final class RegistryTokenService implements AutoCloseable {

    public static final String SERVICE = "test-registry";
    public static final String ISSUER = "test-token-service";

    private final HttpServer server;
    private final Path certificate;
    private final List<String> scopes = new CopyOnWriteArrayList<>();

    private RegistryTokenService(HttpServer server, Path certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    public static RegistryTokenService start(Path work, String user, String password) {
        try {
            Files.createDirectories(work);
            Path keyFile = work.resolve("token.key");
            Path certificateFile = work.resolve("token.crt");
            Certificates.rsaSigningCertificate(work, keyFile, certificateFile);
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(keyFile)));
            X509Certificate certificate;
            try (var in = Files.newInputStream(certificateFile)) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RegistryTokenService service = new RegistryTokenService(server, certificateFile);
            server.createContext("/token", exchange -> service.answer(exchange, expected, key, certificate));
            server.start();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private void answer(HttpExchange exchange, String expected, PrivateKey key, X509Certificate certificate) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String scope = query.getOrDefault("scope", "");
            scopes.add(scope);
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    || !SERVICE.equals(query.get("service"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String[] parts = scope.split(":");
            String access = parts.length == 3
                    ? "[{\"type\":\"%s\",\"name\":\"%s\",\"actions\":[%s]}]".formatted(parts[0], parts[1],
                            List.of(parts[2].split(",")).stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(",")))
                    : "[]";
            long now = Instant.now().getEpochSecond();
            String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\""
                    + Base64.getEncoder().encodeToString(certificate.getEncoded()) + "\"]}";
            String claims = "{\"iss\":\"%s\",\"sub\":\"test\",\"aud\":\"%s\",\"exp\":%d,\"nbf\":%d,\"iat\":%d,\"jti\":\"%s\",\"access\":%s}"
                    .formatted(ISSUER, SERVICE, now + 300, now - 10, now, UUID.randomUUID(), access);
            String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64Url(claims.getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String token = signingInput + "." + base64Url(rs256.sign());
            byte[] body = ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        if (raw == null) {
            return Map.of();
        }
        return List.of(raw.split("&")).stream().map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> b));
    }

    private static byte[] pemBody(Path file) throws IOException {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(pem);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The certificate the registry must trust ({@code rootcertbundle}). */
    public Path certificate() {
        return certificate;
    }

    /** The scopes asked for so far, in order. */
    public List<String> scopes() {
        return List.copyOf(scopes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
