package io.jenkins.plugins.gitops.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over {@code timestamp + "." + raw body}, written {@code sha256=<hex>}. */
public final class ReportSignature {

    public static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private ReportSignature() {}

    /**
     * The signature header value for a body signed at {@code timestamp} (unix seconds, as sent).
     *
     * @throws IllegalArgumentException when the secret is empty
     */
    public static String of(byte[] secret, String timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /** The raw MAC; the verifier compares it in constant time with the one presented. */
    static byte[] mac(byte[] secret, String timestamp, byte[] body) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the signing secret is empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every Java runtime provides HmacSHA256.
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
