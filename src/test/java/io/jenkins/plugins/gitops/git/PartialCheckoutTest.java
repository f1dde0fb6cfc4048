package io.jenkins.plugins.gitops.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.environment.RepositoryPath;
import io.jenkins.plugins.gitops.testing.BareRepository;
import io.jenkins.plugins.gitops.testing.GitServers;
import io.jenkins.plugins.gitops.testing.GitServers.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A promotion's checkout writes only its directory, yet its commit keeps every other file of the branch. */
@ExtendWith(GitServers.Resolver.class)
class PartialCheckoutTest {

    private static final GitIdentity BOT = new GitIdentity("GitOps Bot", "gitops@example.invalid");

    static GitServers servers;

    @TempDir
    Path work;

    @BeforeAll
    static void servers(GitServers shared) {
        servers = shared;
    }

    @Test
    void writesOnlyThePathAndCommitsOnTopOfTheWholeTree() throws IOException {
        BareRepository origin = servers.seed("main", Map.of(
                "apps/web/prod/deployment.yaml", "image: web:1.0\n",
                "apps/web/base/deployment.yaml", "image: web:0.1\n",
                "apps/api/prod/deployment.yaml", "image: api:1.0\n",
                "README.md", "config\n"));
        try (ConfigRepository repository = servers.connector(Transport.GIT_DAEMON).connect(servers.url(Transport.GIT_DAEMON, origin));
                WorkingTree tree = repository.checkout("main", work.resolve("tree"), RepositoryPath.parse("apps/web/prod"))) {
            Path root = tree.directory();
            assertThat(root.resolve("apps/web/prod/deployment.yaml")).hasContent("image: web:1.0");
            assertThat(root.resolve("apps/web/base")).doesNotExist();
            assertThat(root.resolve("apps/api")).doesNotExist();
            assertThat(root.resolve("README.md")).doesNotExist();

            Files.writeString(root.resolve("apps/web/prod/deployment.yaml"), "image: web:2.0\n");
            Files.writeString(root.resolve("apps/web/prod/new.yaml"), "kind: ConfigMap\n");
            assertThat(tree.commit(List.of("apps/web/prod/deployment.yaml", "apps/web/prod/new.yaml"), "Promote", BOT, BOT)).isPresent();
            assertThat(tree.push("main")).isEqualTo(PushResult.PUSHED);
        }
        assertThat(origin.read("main", "apps/web/prod/deployment.yaml")).isEqualTo("image: web:2.0\n");
        assertThat(origin.read("main", "apps/web/prod/new.yaml")).isEqualTo("kind: ConfigMap\n");
        assertThat(origin.read("main", "apps/web/base/deployment.yaml")).isEqualTo("image: web:0.1\n");
        assertThat(origin.read("main", "apps/api/prod/deployment.yaml")).isEqualTo("image: api:1.0\n");
        assertThat(origin.read("main", "README.md")).isEqualTo("config\n");
    }

    @Test
    void anUnchangedFileInThePathCommitsNothing() {
        BareRepository origin = servers.seed("main", Map.of("apps/web/deployment.yaml", "image: web:1.0\n", "README.md", "x\n"));
        try (ConfigRepository repository = servers.connector(Transport.FILE).connect(origin.fileUrl());
                WorkingTree tree = repository.checkout("main", work.resolve("tree"), RepositoryPath.parse("apps/web"))) {
            assertThat(tree.commit(List.of("apps/web/deployment.yaml"), "nothing", BOT, BOT)).isEmpty();
        }
    }
}
