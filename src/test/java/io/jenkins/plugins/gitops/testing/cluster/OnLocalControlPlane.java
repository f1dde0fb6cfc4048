package io.jenkins.plugins.gitops.testing.cluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against the local Kubernetes control plane ({@code src/test/cluster/local-cluster}):
 * its tests take a {@link TestNamespace} (fresh for each test) or the {@link ControlPlane} as parameters.
 * Without Go on a developer machine they are skipped with the reason; in CI they fail instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalControlPlane.class)
@Tag("control-plane")
public @interface OnLocalControlPlane {}
