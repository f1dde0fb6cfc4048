package io.jenkins.plugins.gitops.git;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/** HTTPS connections that trust the JVM's certificate authorities plus the certificates of one PEM file. */
final class TrustingHttpConnectionFactory extends JDKHttpConnectionFactory {

    private final TrustManager[] trustManagers;

    TrustingHttpConnectionFactory(Path pemFile) {
        this.trustManagers = trustManagers(pemFile);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        HttpConnection connection = super.create(url, proxy);
        if ("https".equalsIgnoreCase(url.getProtocol())) {
            try {
                connection.configure(null, trustManagers, null);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS for " + url.getHost() + ": " + e.getMessage(), e);
            }
        }
        return connection;
    }

    private static TrustManager[] trustManagers(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int n = 0;
            for (TrustManager manager : system.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate authority : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + n++, authority);
                    }
                }
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(pemFile)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw new GitException(GitException.Kind.INVALID, "no certificate found in " + pemFile);
            }
            for (Certificate certificate : extra) {
                store.setCertificateEntry("extra-" + n++, certificate);
            }
            TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            combined.init(store);
            return combined.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new GitException(GitException.Kind.INVALID, "cannot read trusted certificates from " + pemFile + ": " + e.getMessage());
        }
    }
}
