package io.jenkins.plugins.gitops.agent;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The Kubernetes client the agent talks through. Every request names the agent as User-Agent
 * {@code gitops-agent/<version>}, so audit logs and API priority and fairness can tell it apart.
 */
public final class AgentClient {

    public static final String USER_AGENT_PRODUCT = "gitops-agent";

    private static final String VERSION_RESOURCE = "/io/jenkins/plugins/gitops/version.properties";

    private AgentClient() {}

    /** A client for {@code config} (authentication, TLS, timeouts) that identifies itself as the agent. */
    public static KubernetesClient of(Config config) {
        return of(config, http -> { });
    }

    /** The same, with the HTTP client further set up (a benchmark counting requests adds an interceptor). */
    public static KubernetesClient of(Config config, Consumer<HttpClient.Builder> http) {
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(config).withUserAgent(userAgent()).build())
                .withHttpClientBuilderConsumer(http)
                .build();
    }

    public static String userAgent() {
        return USER_AGENT_PRODUCT + "/" + version();
    }

    /** The version Maven wrote into {@code version.properties} at build time. */
    public static String version() {
        try (InputStream in = AgentClient.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + VERSION_RESOURCE + " on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
