package io.jenkins.plugins.gitops.git;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Signs commits with an armored OpenPGP secret key file, as {@code gpg --detach-sign --armor} does for
 * {@code git commit -S}. JGit's own OpenPGP signer reads only a gpg home directory; the key here is a file the
 * environment's credential holds.
 */
final class OpenPgpSigner implements Signer {

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private final Path keyFile;

    OpenPgpSigner(Path keyFile) {
        this.keyFile = keyFile;
    }

    @Override
    public GpgSignature sign(Repository repository, GpgConfig config, byte[] data, PersonIdent committer, String signingKey,
            CredentialsProvider credentials) throws IOException {
        PGPSecretKey secret = signingKey();
        try {
            PGPPrivateKey key = secret.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder().setProvider(PROVIDER).build(new char[0]));
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new JcaPGPContentSignerBuilder(secret.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256).setProvider(PROVIDER),
                    secret.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, key);
            PGPSignatureSubpacketGenerator subpackets = new PGPSignatureSubpacketGenerator();
            subpackets.setSignatureCreationTime(false, committer == null ? new Date() : Date.from(committer.getWhenAsInstant()));
            subpackets.setIssuerFingerprint(false, secret);
            generator.setHashedSubpackets(subpackets.generate());
            generator.update(data);
            ByteArrayOutputStream armored = new ByteArrayOutputStream();
            try (OutputStream out = new ArmoredOutputStream(armored)) {
                generator.generate().encode(out);
            }
            return new GpgSignature(armored.toByteArray());
        } catch (PGPException e) {
            throw new IOException("cannot sign with the OpenPGP key in " + keyFile + " (a key with a passphrase cannot be used): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean canLocateSigningKey(Repository repository, GpgConfig config, PersonIdent committer, String signingKey,
            CredentialsProvider credentials) {
        try {
            signingKey();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first secret key of the file that may sign: a signing subkey, or the primary key when it may sign. */
    private PGPSecretKey signingKey() throws IOException {
        byte[] text = Files.readAllBytes(keyFile);
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(text))) {
            PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator());
            for (PGPSecretKeyRing ring : rings) {
                PGPSecretKey fallback = null;
                for (PGPSecretKey key : ring) {
                    if (!key.isSigningKey() || key.isPrivateKeyEmpty()) {
                        continue;
                    }
                    if (!key.isMasterKey()) {
                        return key;
                    }
                    fallback = key;
                }
                if (fallback != null) {
                    return fallback;
                }
            }
        } catch (PGPException | RuntimeException e) {
            throw new IOException(keyFile + " is not an armored OpenPGP secret key: " + e.getMessage(), e);
        }
        throw new IOException(keyFile + " holds no OpenPGP secret key that may sign");
    }
}
