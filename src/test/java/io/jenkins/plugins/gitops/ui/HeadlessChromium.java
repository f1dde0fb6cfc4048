package io.jenkins.plugins.gitops.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Debian chromium driven by Playwright, with every page opened at a fixed clock, in UTC and
 * English, collecting console errors, uncaught exceptions and Content Security Policy violations.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    static final String NOW = "2026-11-22T10:00:00Z";
    static final Path SCREENSHOTS = Path.of("target/ui-screenshots");

    // Runs before any page script and outside the page's policy, so it sees every violation.
    private static final String WATCH_VIOLATIONS = "window.__cspViolations = [];"
            + "document.addEventListener('securitypolicyviolation',"
            + " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private final Playwright playwright;
    private final Browser browser;
    private final BrowserContext context;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
        context = browser.newContext(new Browser.NewContextOptions()
                .setLocale("en-US").setTimezoneId("UTC").setViewportSize(1280, 900));
        context.setDefaultTimeout(15_000);
        context.clock().setFixedTime(NOW);
        context.addInitScript(WATCH_VIOLATIONS);
    }

    /** Launches chromium; without it the tests fail in CI and are skipped elsewhere. */
    static HeadlessChromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            String reason = EXECUTABLE + " is missing: install the Debian package chromium";
            if (System.getenv("CI") != null) Assertions.fail(reason);
            Assumptions.abort(reason);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-background-networking", "--disable-gpu"))
                    .setTimeout(60_000));
            return new HeadlessChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** Freezes the clock of pages opened from now on at {@code time} instead of {@link #NOW}, for pages of live data. */
    void freezeClockAt(Instant time) {
        context.clock().setFixedTime(time.toString());
    }

    /** Opens the URL in a new tab and waits until gitops.js has rendered or shown an error. */
    RenderedPage open(String url) {
        Page page = context.newPage();
        RenderedPage rendered = new RenderedPage(page);
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) rendered.consoleErrors.add(message.text());
        });
        page.onPageError(rendered.pageErrors::add);
        page.navigate(url);
        page.waitForSelector("#gitops[data-gitops-state=ready], #gitops[data-gitops-state=error]");
        return rendered;
    }

    @Override
    public void close() {
        context.close();
        browser.close();
        playwright.close();
    }

    /** One opened page and what went wrong on it. */
    static final class RenderedPage implements AutoCloseable {
        final Page page;
        final List<String> consoleErrors = new CopyOnWriteArrayList<>();
        final List<String> pageErrors = new CopyOnWriteArrayList<>();

        private RenderedPage(Page page) {
            this.page = page;
        }

        Locator root() {
            return page.locator("#gitops");
        }

        /** The text a person sees in the rendered area. */
        String visibleText() {
            return root().innerText();
        }

        String state() {
            return root().getAttribute("data-gitops-state");
        }

        @SuppressWarnings("unchecked")
        List<String> cspViolations() {
            return (List<String>) page.evaluate("() => window.__cspViolations");
        }

        void assertNoErrors() {
            assertThat(consoleErrors).as("console errors").isEmpty();
            assertThat(pageErrors).as("uncaught errors").isEmpty();
            assertThat(cspViolations()).as("CSP violations").isEmpty();
        }

        /** A picture of the rendered area, for a person to look at. */
        void screenshot(String name) {
            root().screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
        }

        @Override
        public void close() {
            page.close();
        }
    }
}
