package io.jenkins.plugins.gitops.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Armored OpenPGP public keys the cluster owner trusts, and the check of an OpenPGP commit signature
 * against them as {@code git verify-commit} with gpg judges it: a good signature by a key (or subkey) of
 * the file that is neither expired nor revoked now.
 */
final class OpenPgpKeys {

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    private static final String ARMOR_BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private final PGPPublicKeyRingCollection keys;

    private OpenPgpKeys(PGPPublicKeyRingCollection keys) {
        this.keys = keys;
    }

    /**
     * Reads every armored block of the file (several exports may be concatenated).
     *
     * @throws IllegalArgumentException naming the file when it holds no readable OpenPGP public key
     */
    static OpenPgpKeys read(Path file) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            for (int begin = text.indexOf(ARMOR_BEGIN); begin >= 0; begin = text.indexOf(ARMOR_BEGIN, begin + 1)) {
                byte[] block = text.substring(begin).getBytes(StandardCharsets.US_ASCII);
                try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
                    new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator()).forEach(rings::add);
                }
            }
        } catch (IOException | PGPException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not armored OpenPGP public keys (" + e.getMessage() + ")");
        }
        if (rings.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no armored OpenPGP public key (" + ARMOR_BEGIN + ")");
        }
        return new OpenPgpKeys(new PGPPublicKeyRingCollection(rings));
    }

    /** Why the signature does not pass, or empty when it is good. */
    Optional<String> problem(byte[] payload, byte[] armoredSignature, Instant now) {
        PGPSignature signature;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armoredSignature))) {
            Object object = new JcaPGPObjectFactory(in).nextObject();
            if (!(object instanceof PGPSignatureList list) || list.isEmpty()) {
                return Optional.of("bad signature (not an OpenPGP signature)");
            }
            signature = list.get(0);
        } catch (IOException | RuntimeException e) {
            return Optional.of("bad signature (unreadable: " + e.getMessage() + ")");
        }
        String keyId = String.format(Locale.ROOT, "%016X", signature.getKeyID());
        PGPPublicKey key = keys.getPublicKey(signature.getKeyID());
        PGPPublicKeyRing ring = keys.getPublicKeyRing(signature.getKeyID());
        if (key == null || ring == null) {
            return Optional.of("signed by an untrusted key (OpenPGP key " + keyId + ")");
        }
        try {
            signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(PROVIDER), key);
            signature.update(payload);
            if (!signature.verify()) {
                return Optional.of("bad signature (OpenPGP key " + keyId + ")");
            }
        } catch (PGPException | RuntimeException e) {
            return Optional.of("bad signature (OpenPGP key " + keyId + ": " + e.getMessage() + ")");
        }
        for (PGPPublicKey checked : new PGPPublicKey[] {ring.getPublicKey(), key}) {
            if (checked.hasRevocation()) {
                return Optional.of("signed by a revoked key (OpenPGP key " + keyId + ")");
            }
            long valid = checked.getValidSeconds();
            Instant expires = checked.getCreationTime().toInstant().plusSeconds(valid);
            if (valid > 0 && !expires.isAfter(now)) {
                return Optional.of("signed by an expired key (OpenPGP key " + keyId + ", expired " + expires + ")");
            }
        }
        return Optional.empty();
    }
}
