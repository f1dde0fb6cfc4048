package io.jenkins.plugins.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Keys and certificates made with the {@code openssl} command for loopback servers. */
public final class Certificates {

    private Certificates() {}

    /** A fresh CA ({@code ca}) and a certificate for 127.0.0.1 it signed, with its key. */
    public static void caSignedServerCertificate(Path work, Path ca, Path serverKey, Path serverCertificate) {
        String openssl = Commands.require("openssl", "openssl").toString();
        Path caKey = work.resolve("ca.key");
        Path request = work.resolve("server.csr");
        Path extensions = work.resolve("server.ext");
        try {
            Files.writeString(extensions, "subjectAltName=IP:127.0.0.1\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Commands.run(work, Map.of(), openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=test CA", "-keyout", caKey.toString(), "-out", ca.toString());
        Commands.run(work, Map.of(), openssl, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", "/CN=127.0.0.1", "-keyout", serverKey.toString(), "-out", request.toString());
        Commands.run(work, Map.of(), openssl, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey",
                caKey.toString(), "-CAcreateserial", "-days", "2", "-extfile", extensions.toString(), "-out",
                serverCertificate.toString());
    }

    /** A self-signed RSA certificate and its PKCS#8 key, for signing RS256 tokens. */
    public static void rsaSigningCertificate(Path work, Path key, Path certificate) {
        String openssl = Commands.require("openssl", "openssl").toString();
        Commands.run(work, Map.of(), openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=test token issuer", "-keyout", key.toString(), "-out", certificate.toString());
    }
}
