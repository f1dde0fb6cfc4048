package io.jenkins.plugins.gitops.agent.watch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** Secret values planted in Git and in the cluster, in every form they could leak in. */
final class WatchedSecrets {

    static final String GIT_PASSWORD = "git-planted-password-7Qx";
    static final String GIT_TOKEN = "git-planted-token-9Zw";
    static final String LIVE_PASSWORD = "cluster-planted-password-4Kv";
    static final String LIVE_EXTRA = "cluster-planted-extra-2Mb";

    static final String SECRET_IN_GIT = """
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: web-credentials, namespace: shop}
            type: Opaque
            stringData: {password: %s}
            data: {token: %s}
            """.formatted(GIT_PASSWORD, base64(GIT_TOKEN));

    private WatchedSecrets() {}

    static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Each planted value, plain and base64 encoded. */
    static List<String> forbidden() {
        return Stream.of(GIT_PASSWORD, GIT_TOKEN, LIVE_PASSWORD, LIVE_EXTRA)
                .flatMap(value -> Stream.of(value, base64(value)))
                .toList();
    }
}
