package io.jenkins.plugins.gitops.report.receiver;

import io.jenkins.plugins.gitops.report.ReplayCache;
import io.jenkins.plugins.gitops.report.ReportVerifier;
import io.jenkins.plugins.gitops.report.SecretLookup;
import io.jenkins.plugins.gitops.report.Verdict;
import io.jenkins.plugins.gitops.report.store.ReportStore;
import io.jenkins.plugins.gitops.report.store.ReportStore.Placement;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The report endpoint without its server: verifies a POSTed report (envelope, signature, schema, replay)
 * and keeps an accepted one in the store. The Jenkins endpoint and any local receiver adapt their
 * requests to this one class, so both answer alike. Thread-safe.
 */
public final class ReportReceiver {

    private static final Logger LOGGER = Logger.getLogger(ReportReceiver.class.getName());

    private final ReportVerifier verifier;
    private final ReportStore store;

    /** A receiver with its own replay cache of {@link ReplayCache#DEFAULT_CAPACITY} deliveries. */
    public ReportReceiver(SecretLookup secrets, ReportStore store, Clock clock) {
        this(new ReportVerifier(secrets, clock, new ReplayCache(ReplayCache.DEFAULT_CAPACITY)), store);
    }

    public ReportReceiver(ReportVerifier verifier, ReportStore store) {
        this.verifier = verifier;
        this.store = store;
    }

    /** Reads the body within the limit, then answers as {@link #receive(ReportRequest)}. */
    public ReportResponse receive(String method, Map<String, List<String>> headers, InputStream body) {
        ReportRequest request;
        try {
            request = ReportRequest.read(method, headers, body);
        } catch (IOException e) {
            return refused(400, "body: could not be read: " + e.getClass().getSimpleName());
        }
        return receive(request);
    }

    /** Answers one request: 202 when the report was verified and stored, otherwise why not. */
    public ReportResponse receive(ReportRequest request) {
        if (!request.method().equals("POST")) {
            return refused(405, "method: " + oneWord(request.method()) + " is not allowed; reports are POSTed");
        }
        Verdict verdict = verifier.verify(request.headers(), new ByteArrayInputStream(request.body()));
        if (!verdict.accepted()) {
            return refused(verdict.status(), verdict.reason());
        }
        String environment = verdict.report().environment();
        Placement placement;
        try {
            placement = store.add(verdict.report(), verdict.delivery());
        } catch (IOException | RuntimeException e) {
            // The sender may retry this very delivery (its answer may never have reached it): let it in again.
            verifier.withdraw(request.headers());
            LOGGER.log(Level.WARNING, "GitOps report of environment ''{0}'' verified but not stored: {1}",
                    new Object[] {environment, e.getClass().getSimpleName()});
            return new ReportResponse(500, "store: could not keep the report of environment '" + environment + "': "
                    + e.getClass().getSimpleName());
        }
        String reason = switch (placement) {
            case LATEST -> verdict.reason();
            case HISTORY -> verdict.reason() + "; its agent signed it before the latest report: kept in the history";
            case TOO_OLD -> verdict.reason() + "; its agent signed it before the whole history: not kept";
        };
        LOGGER.log(Level.FINE, reason);
        return new ReportResponse(verdict.status(), reason);
    }

    private static ReportResponse refused(int status, String reason) {
        LOGGER.log(Level.FINE, "GitOps report refused with {0}: {1}", new Object[] {status, reason});
        return new ReportResponse(status, reason);
    }

    /** A method name is echoed only if it is a plain token. */
    private static String oneWord(String method) {
        return method.matches("[A-Z]{1,16}") ? method : "this method";
    }
}
