package io.jenkins.plugins.gitops.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.demo.Demo;
import io.jenkins.plugins.gitops.demo.DemoResult;
import io.jenkins.plugins.gitops.demo.DemoStep;
import io.jenkins.plugins.gitops.ui.HeadlessChromium.RenderedPage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's local page, the plugin's job page drawn from the demo's stored reports, looked at in
 * headless Chromium right after the live edit: the drift table names each field, Git's value, the live
 * value and {@code kubectl-edit} as the one who changed it. Screenshot: {@code demo-after-drift.png}.
 */
class DemoPageTest {

    @TempDir
    Path work;

    @Test
    @Timeout(180)
    void afterTheLiveEditThePageShowsTheDriftAttributedToKubectlEdit() throws Exception {
        List<List<String>> driftRows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (HeadlessChromium chromium = HeadlessChromium.launch();
                Demo demo = Demo.start(new Demo.Settings(Optional.empty(), Duration.ofSeconds(20), work, "test"), line -> { })) {
            DemoResult result = demo.run(step -> {
                if (step.name().equals("drift") && step.ok()) {
                    chromium.freezeClockAt(Instant.now());
                    try (RenderedPage page = chromium.open(demo.pageUrl())) {
                        assertThat(page.state()).isEqualTo("ready");
                        page.assertNoErrors();
                        texts.add(page.visibleText());
                        driftRows.addAll(rows(page));
                        page.screenshot("demo-after-drift");
                    }
                }
            });
            assertThat(result.steps()).extracting(DemoStep::name).contains("drift");
            assertThat(result.steps().stream().filter(step -> step.name().equals("drift")).findFirst().orElseThrow().ok())
                    .as("the drift step held: " + result.steps()).isTrue();
        }
        assertThat(texts).singleElement().asString().contains("staging", "Out of sync", "Drift (2 fields)", "registry.example.com/demo/web:1.2.0");
        assertThat(driftRows).containsExactly(
                List.of("Deployment demo-staging/web", "/spec/replicas", "2", "5", "kubectl-edit", "just now"),
                List.of("Deployment demo-staging/web", "/spec/template/spec/containers/0/image",
                        "registry.example.com/demo/web:1.2.0", "registry.example.com/demo/web:1.2.1-hotfix", "kubectl-edit", "just now"));
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(RenderedPage page) {
        return (List<List<String>>) page.root().locator(".gitops-drift tbody tr")
                .evaluateAll("rows => rows.map(r => [...r.cells].map(c => c.innerText))");
    }
}
