package io.jenkins.plugins.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * lighttpd running git-http-backend over HTTPS on a loopback port, with a fresh self-signed
 * certificate for 127.0.0.1 and HTTP basic authentication of one user (an htpasswd file). Serves every
 * repository under a directory at {@code https://127.0.0.1:<port>/git/<name>.git}. Close it to stop it.
 */
public final class HttpsGitServer implements AutoCloseable {

    private final ServerProcess server;
    private final Path root;
    private final Path certificate;

    private HttpsGitServer(ServerProcess server, Path root, Path certificate) {
        this.server = server;
        this.root = root;
        this.certificate = certificate;
    }

    /**
     * @param root the directory of the repositories to serve
     * @param work a directory of its own for the certificate, configuration and log
     */
    public static HttpsGitServer start(Path root, Path work, String user, String password) {
        Path lighttpd = Commands.require("lighttpd", "lighttpd");
        Path openssl = Commands.require("openssl", "openssl");
        Commands.requireFile(Path.of("/usr/lib/lighttpd/mod_openssl.so"), "lighttpd-mod-openssl");
        Path backend = Commands.require("git-http-backend", "git");
        try {
            Files.createDirectories(work);
            Path key = work.resolve("server.key");
            Path certificate = work.resolve("server.crt");
            Commands.run(work, Map.of(), openssl.toString(), "req", "-x509", "-newkey", "ec",
                    "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", certificate.toString());
            String hash = Commands.run(work, Map.of(), openssl.toString(), "passwd", "-apr1", password).strip();
            Path users = work.resolve("htpasswd");
            Files.writeString(users, user + ":" + hash + "\n");
            Path log = work.resolve("lighttpd.log");
            ServerProcess server = ServerProcess.start("lighttpd", log, port -> {
                Path config = work.resolve("lighttpd-" + port + ".conf");
                write(config, configuration(port, root, work, key, certificate, users, backend));
                return List.of(lighttpd.toString(), "-D", "-f", config.toString());
            });
            return new HttpsGitServer(server, root, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String configuration(int port, Path root, Path work, Path key, Path certificate, Path users, Path backend) {
        return """
                server.modules = ("mod_openssl", "mod_auth", "mod_authn_file", "mod_alias", "mod_setenv", "mod_cgi")
                server.document-root = "%1$s"
                server.bind = "127.0.0.1"
                server.port = %2$d
                server.errorlog = "%3$s/lighttpd-error.log"
                server.max-request-size = 65536
                ssl.engine = "enable"
                ssl.pemfile = "%4$s"
                ssl.privkey = "%5$s"
                auth.backend = "htpasswd"
                auth.backend.htpasswd.userfile = "%6$s"
                auth.require = ("/git/" => ("method" => "basic", "realm" => "git", "require" => "valid-user"))
                alias.url = ("/git/" => "%7$s/")
                $HTTP["url"] =~ "^/git/" {
                  cgi.assign = ("" => "")
                  setenv.add-environment = ("GIT_PROJECT_ROOT" => "%1$s", "GIT_HTTP_EXPORT_ALL" => "1")
                }
                """.formatted(root, port, work, certificate, key, users, backend);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code https://} URL of a repository under the served directory. */
    public String url(BareRepository repository) {
        return "https://127.0.0.1:" + server.port() + "/git/" + root.relativize(repository.path()).toString().replace('\\', '/');
    }

    /** The server's self-signed certificate (PEM), for clients to trust. */
    public Path certificate() {
        return certificate;
    }

    @Override
    public void close() {
        server.close();
    }
}
