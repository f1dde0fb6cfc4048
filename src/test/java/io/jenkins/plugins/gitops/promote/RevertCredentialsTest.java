package io.jenkins.plugins.gitops.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.promote.RevertCredentials.As;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The credentials the job page's revert pushes with, looked up as the user and then as the job's builds. */
class RevertCredentialsTest {

    private final List<String> asked = new ArrayList<>();

    private RevertCredentials.Lookup<String> store(Map<As, String> visible) {
        return (id, as) -> {
            asked.add(id + " as " + as);
            return visible.get(as);
        };
    }

    @Test
    void theUsersOwnCredentialsComeFirst() {
        RevertCredentials.Found<String> found = RevertCredentials.find("deploy-key", "alice", "shop/web",
                store(Map.of(As.USER, "alice's key", As.JOB_BUILDS, "the job's key")));

        assertThat(found).isEqualTo(new RevertCredentials.Found<>("alice's key", As.USER));
        assertThat(asked).containsExactly("deploy-key as USER");
    }

    @Test
    void otherwiseTheCredentialsTheJobsBuildsMayUse() {
        RevertCredentials.Found<String> found = RevertCredentials.find("deploy-key", "alice", "shop/web",
                store(Map.of(As.JOB_BUILDS, "the job's key")));

        assertThat(found).isEqualTo(new RevertCredentials.Found<>("the job's key", As.JOB_BUILDS));
        assertThat(asked).containsExactly("deploy-key as USER", "deploy-key as JOB_BUILDS");
    }

    @Test
    void credentialsNeitherMayUseAreRefusedNamingTheIdTheUserAndTheJob() {
        assertThatThrownBy(() -> RevertCredentials.find("deploy-key", "alice", "shop/web", store(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no credentials with id 'deploy-key' are available to alice or to the builds of shop/web");
    }
}
