package io.jenkins.plugins.gitops.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fixture is a live object as an API server returns it. */
class HealthCheckTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            deployment-complete          | HEALTHY     | 3 of 3 replicas updated and available
            deployment-updating          | PROGRESSING | 1 of 3 replicas updated
            deployment-old-replicas      | PROGRESSING | 1 old replicas pending termination
            deployment-unavailable       | PROGRESSING | 1 of 3 updated replicas available
            deployment-not-observed      | PROGRESSING | waiting for the controller to observe generation 3
            deployment-deadline-exceeded | DEGRADED    | rollout exceeded its progress deadline: ProgressDeadlineExceeded: ReplicaSet "web-5d8f" has timed out progressing.
            statefulset-ready            | HEALTHY     | 3 of 3 replicas ready and updated
            statefulset-rolling          | PROGRESSING | 1 of 3 replicas at revision db-8d1
            statefulset-not-ready        | PROGRESSING | 1 of 3 replicas ready
            statefulset-partitioned      | HEALTHY     | partitioned rollout complete: 1 replicas updated
            daemonset-ready              | HEALTHY     | 5 of 5 pods updated and available
            daemonset-updating           | PROGRESSING | 2 of 5 pods updated
            replicaset-ready             | HEALTHY     | 2 of 2 replicas available
            replicaset-quota             | DEGRADED    | replicas cannot be created: FailedCreate: pods "web-5d8f-x" is forbidden: exceeded quota: compute
            job-complete                 | HEALTHY     | job completed: 1 succeeded
            job-failed                   | DEGRADED    | job failed: BackoffLimitExceeded: Job has reached the specified backoff limit
            job-running                  | PROGRESSING | job running: 1 active, 0 succeeded, 1 failed
            cronjob-succeeded            | HEALTHY     | last job succeeded at 2026-11-22T01:00:42Z
            cronjob-last-failed          | DEGRADED    | the job scheduled at 2026-11-22T01:00:00Z did not succeed
            cronjob-running              | HEALTHY     | job scheduled at 2026-11-22T01:00:00Z is running
            cronjob-suspended            | HEALTHY     | cron job is suspended
            pod-ready                    | HEALTHY     | pod is running and ready
            pod-crash-loop               | DEGRADED    | container web: CrashLoopBackOff: back-off 5m0s restarting failed container=web
            pod-image-pull               | DEGRADED    | container web: ImagePullBackOff: Back-off pulling image "registry.example/web:1.0.0"
            pod-unschedulable            | PROGRESSING | pod is not scheduled: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.
            pod-starting                 | PROGRESSING | pod is running, not ready: ContainersNotReady: containers with unready status: [web]
            pod-completed                | HEALTHY     | pod completed
            pod-failed                   | DEGRADED    | pod failed: Evicted: The node was low on resource: memory.
            pvc-bound                    | HEALTHY     | bound to volume pv-42
            pvc-pending                  | PROGRESSING | waiting for a volume to be bound
            pvc-lost                     | DEGRADED    | claim lost its volume pv-42
            service-cluster-ip           | HEALTHY     | service exists
            service-lb-pending           | PROGRESSING | waiting for a load balancer address
            service-lb-assigned          | HEALTHY     | service is reachable at 203.0.113.7
            ingress-pending              | PROGRESSING | waiting for a load balancer address
            ingress-assigned             | HEALTHY     | ingress is reachable at lb.example.net
            custom-ready                 | HEALTHY     | Ready: Certificate is up to date and has not expired
            custom-not-ready             | DEGRADED    | not ready: DoesNotExist: Issuing certificate as Secret does not exist
            custom-ready-unknown         | PROGRESSING | readiness unknown: Pending
            custom-not-observed          | PROGRESSING | waiting for the controller to observe generation 2
            custom-without-status        | HEALTHY     | exists
            configmap-being-deleted      | PROGRESSING | object is being deleted
            """)
    void judgesEachKindFromItsLiveObject(String fixture, HealthStatus status, String message) throws IOException {
        Health health = HealthCheck.of(fixture(fixture));

        assertThat(health).isEqualTo(new Health(status, message));
    }

    @Test
    void aMissingObjectIsUnknown() {
        assertThat(HealthCheck.of(null).status()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void messagesAreOneLine() {
        assertThat(new Health(HealthStatus.DEGRADED, "first\n  second\r\nthird").message()).isEqualTo("first second third");
    }

    @Test
    void statusesUseTheReportNames() {
        assertThat(HealthStatus.values()).extracting(HealthStatus::reportName)
                .containsExactly("Healthy", "Progressing", "Degraded", "Unknown");
    }

    private static Map<String, Object> fixture(String name) throws IOException {
        try (InputStream in = HealthCheckTest.class.getResourceAsStream(name + ".json")) {
            assertThat(in).as(name + ".json").isNotNull();
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() {});
        }
    }
}
