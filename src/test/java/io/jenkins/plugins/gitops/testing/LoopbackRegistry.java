package io.jenkins.plugins.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code docker-registry} (the distribution project's registry) on a loopback port, serving a storage
 * directory that several of them may share: an anonymous one to push test images to, and others that serve the
 * same images behind basic authentication or a token service, over HTTP or HTTPS with a fresh private CA.
 */
public final class LoopbackRegistry implements AutoCloseable {

    /** How the registry authenticates pulls. */
    public sealed interface Auth {}

    public record Anonymous() implements Auth {}

    /** HTTP basic against an htpasswd file of one user (bcrypt, the only hash the registry reads). */
    public record Basic(String user, String password) implements Auth {}

    /** Bearer tokens from {@code realm}, signed by the key of {@code rootCertificate}. */
    public record Token(String realm, String service, String issuer, Path rootCertificate) implements Auth {}

    private final ServerProcess server;
    private final String scheme;
    private final Path caCertificate;

    private LoopbackRegistry(ServerProcess server, String scheme, Path caCertificate) {
        this.server = server;
        this.scheme = scheme;
        this.caCertificate = caCertificate;
    }

    /**
     * @param storage the registry's storage directory (shared between registries started on it)
     * @param work a directory of this registry's own for its configuration, keys and log
     * @param tls whether to serve HTTPS with a certificate for 127.0.0.1 signed by a fresh CA ({@link #caCertificate()})
     */
    public static LoopbackRegistry start(Path storage, Path work, Auth auth, boolean tls) {
        Path registry = Commands.require("docker-registry", "docker-registry");
        try {
            Files.createDirectories(work);
            String authSection = "";
            if (auth instanceof Basic basic) {
                Path htpasswd = Commands.require("htpasswd", "apache2-utils");
                Path users = work.resolve("htpasswd");
                Files.writeString(users, Commands.run(work, Map.of(), htpasswd.toString(), "-Bbn", basic.user(),
                        basic.password()).strip() + "\n");
                authSection = """
                        auth:
                          htpasswd:
                            realm: test-registry
                            path: %s
                        """.formatted(users);
            } else if (auth instanceof Token token) {
                authSection = """
                        auth:
                          token:
                            realm: %s
                            service: %s
                            issuer: %s
                            rootcertbundle: %s
                        """.formatted(token.realm(), token.service(), token.issuer(), token.rootCertificate());
            }
            Path ca = null;
            String tlsSection = "";
            if (tls) {
                ca = work.resolve("ca.crt");
                Path serverKey = work.resolve("server.key");
                Path serverCertificate = work.resolve("server.crt");
                Certificates.caSignedServerCertificate(work, ca, serverKey, serverCertificate);
                tlsSection = """
                          tls:
                            certificate: %s
                            key: %s
                        """.formatted(serverCertificate, serverKey);
            }
            String sections = tlsSection + authSection;
            ServerProcess server = ServerProcess.start("docker-registry", work.resolve("registry.log"), port -> {
                Path config = work.resolve("config-" + port + ".yml");
                write(config, """
                        version: 0.1
                        log:
                          level: warn
                        storage:
                          filesystem:
                            rootdirectory: %s
                        http:
                          addr: 127.0.0.1:%d
                          secret: test-only
                        """.formatted(storage, port) + sections);
                return List.of(registry.toString(), "serve", config.toString());
            });
            return new LoopbackRegistry(server, tls ? "https" : "http", ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<port>}, the registry part of image references. */
    public String host() {
        return "127.0.0.1:" + server.port();
    }

    public String baseUrl() {
        return scheme + "://" + host();
    }

    /** The CA that signed the HTTPS certificate; {@code null} over plain HTTP. */
    public Path caCertificate() {
        return caCertificate;
    }

    public String log() {
        return server.log();
    }

    @Override
    public void close() {
        server.close();
    }
}
