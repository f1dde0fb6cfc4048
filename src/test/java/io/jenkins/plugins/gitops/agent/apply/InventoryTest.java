package io.jenkins.plugins.gitops.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.manifest.ResourceId;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryTest {

    private static final InventoryEntry WEB = new InventoryEntry(ResourceId.of("apps/v1", "Deployment", "shop", "web"), "apps/v1");
    private static final InventoryEntry READER =
            new InventoryEntry(ResourceId.of("rbac.authorization.k8s.io/v1", "ClusterRole", "", "reader"), "rbac.authorization.k8s.io/v1");
    private static final InventoryEntry CONFIG = new InventoryEntry(ResourceId.of("v1", "ConfigMap", "shop", "c"), "v1");

    @Test
    void entriesRoundTripThroughTheirLineIncludingClusterScopedOnes() {
        assertThat(READER.line()).isEqualTo("rbac.authorization.k8s.io/v1,ClusterRole,,reader");
        assertThat(InventoryEntry.parse(READER.line())).isEqualTo(READER);
        assertThat(InventoryEntry.parse(WEB.line())).isEqualTo(WEB);
    }

    @Test
    void aBadLineIsRefusedSayingWhatWasExpected() {
        assertThatThrownBy(() -> InventoryEntry.parse("apps/v1,Deployment,web"))
                .hasMessage("not apiVersion,kind,namespace,name[,uid=UID][,prune=enabled]: 'apps/v1,Deployment,web'");
        assertThatThrownBy(() -> InventoryEntry.parse("v1,Namespace,,shop,owner=me"))
                .hasMessage("'owner=me' is neither uid=UID nor prune=enabled: 'v1,Namespace,,shop,owner=me'");
    }

    @Test
    void theUidAndThePruneMarkRoundTripAndALineOfAnOlderAgentHasNeither() {
        InventoryEntry shop = new InventoryEntry(ResourceId.of("v1", "Namespace", "", "shop"), "v1", "6f1c-42", true);

        assertThat(shop.line()).isEqualTo("v1,Namespace,,shop,uid=6f1c-42,prune=enabled");
        assertThat(InventoryEntry.parse(shop.line())).isEqualTo(shop);
        assertThat(InventoryEntry.parse("v1,Namespace,,shop")).isEqualTo(new InventoryEntry(shop.id(), "v1", "", false));
    }

    @Test
    void stagingKeepsTheUidRecordedForADesiredObject() {
        InventoryEntry recorded = WEB.withUid("0a1b");

        Inventory staged = new Inventory("aaa111", "", List.of(recorded)).staging("bbb222", List.of(CONFIG, WEB));

        assertThat(staged.entries()).containsExactly(CONFIG, recorded);
    }

    @Test
    void stagingRecordsTheUnionAndThePendingRevisionBeforeAnythingIsApplied() {
        Inventory previous = new Inventory("aaa111", "", List.of(WEB, READER));

        Inventory staged = previous.staging("bbb222", List.of(CONFIG, WEB));

        assertThat(staged).isEqualTo(new Inventory("aaa111", "bbb222", List.of(CONFIG, WEB, READER)));
        assertThat(previous.without(List.of(CONFIG, WEB))).containsExactly(READER);
    }
}
