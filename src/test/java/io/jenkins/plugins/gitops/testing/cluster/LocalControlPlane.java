package io.jenkins.plugins.gitops.testing.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension behind {@link OnLocalControlPlane}: one control plane per test JVM, shared by every
 * test class that needs it and stopped when the JVM's tests are done, and a fresh namespace per test
 * (a {@link TestNamespace} parameter), deleted after it.
 */
public final class LocalControlPlane implements BeforeAllCallback, ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(LocalControlPlane.class);

    /** Starts the control plane before the class's first test, so a machine without Go skips the class. */
    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ControlPlane.class || type == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ControlPlane cluster = shared(context);
        if (parameter.getParameter().getType() == ControlPlane.class) {
            return cluster;
        }
        return context.getStore(STORE).getOrComputeIfAbsent(TestNamespace.class,
                key -> create(cluster, context), TestNamespace.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestNamespace namespace = context.getStore(STORE).remove(TestNamespace.class, TestNamespace.class);
        if (namespace != null) {
            namespace.close();
        }
    }

    private static ControlPlane shared(ExtensionContext context) {
        return context.getRoot().getStore(STORE)
                .getOrComputeIfAbsent(ControlPlane.class, key -> ControlPlane.start(), ControlPlane.class);
    }

    private static TestNamespace create(ControlPlane cluster, ExtensionContext context) {
        String test = context.getRequiredTestMethod().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String name = "t-" + test.substring(0, Math.min(test.length(), 40)).replaceAll("-$", "")
                + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        KubernetesClient client = cluster.newClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return new TestNamespace(cluster, name, client);
    }
}
