package dev.shipgate.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.webhook.delivery.DeliveryService;
import dev.shipgate.webhook.delivery.Outcome;
import dev.shipgate.webhook.delivery.WebhookRequest;
import dev.shipgate.webhook.http.HttpApiEvent;
import dev.shipgate.webhook.http.HttpApiResponse;
import org.crac.Core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.shipgate.webhook.WebhookWiring.monotonicMillis;

/**
 * GitHub webhook endpoint behind an API Gateway HTTP API (payload format 2.0): reads the event, lets
 * {@link DeliveryService} decide and act, answers with a short JSON body and logs one line per delivery.
 */
public final class WebhookHandler implements RequestStreamHandler {

    /** GitHub gives up after 10 s; answer well before, leaving room for the gateway and a cold start. */
    static final long BUDGET_MILLIS = 7_000;
    /** Kept free of the function's own remaining time, to write the response and the log line. */
    static final long CONTEXT_MARGIN_MILLIS = 500;

    private final DeliveryService service;
    private final long budgetMillis;
    /** Held strongly: org.crac keeps registered resources only weakly. */
    private final WebhookPriming priming;

    /** Lambda's constructor: the wiring from the environment, and the SnapStart priming registered once. */
    public WebhookHandler() {
        this(WebhookWiring.fromEnvironment(), BUDGET_MILLIS);
        Core.getGlobalContext().register(priming);
    }

    WebhookHandler(WebhookWiring wiring, long budgetMillis) {
        this(wiring.service(), budgetMillis, new WebhookPriming(wiring));
    }

    /** {@code priming} is null only for the handler priming itself runs its synthetic push through. */
    WebhookHandler(DeliveryService service, long budgetMillis, WebhookPriming priming) {
        this.service = service;
        this.budgetMillis = budgetMillis;
        this.priming = priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = monotonicMillis();
        long deadline = started + Math.min(budgetMillis, context.getRemainingTimeInMillis() - CONTEXT_MARGIN_MILLIS);
        JsonLog log = new JsonLog("github-webhook", context.getLogger());
        HttpApiEvent event;
        try {
            event = HttpApiEvent.read(input);
        } catch (HttpApiEvent.InvalidEventException e) {
            HttpApiResponse.write(output, 400, Map.of("error", e.getMessage()));
            log.warn("delivery", Map.of("decision", "bad-request", "status", 400, "detail", e.getMessage(),
                    "latencyMs", monotonicMillis() - started));
            return;
        }
        Outcome outcome;
        try {
            outcome = service.handle(new WebhookRequest(event.headers(), event.body()), deadline);
        } catch (RuntimeException e) {
            HttpApiResponse.write(output, 500, Map.of("error", "internal error; see the function's log for request " + context.getAwsRequestId()));
            log.error("delivery", Map.of("decision", "error", "status", 500, "exception", e.getClass().getName(),
                    "detail", String.valueOf(e.getMessage()), "latencyMs", monotonicMillis() - started));
            return;
        }
        HttpApiResponse.write(output, outcome.status(), outcome.body());
        logOutcome(log, outcome, monotonicMillis() - started);
    }

    private static void logOutcome(JsonLog log, Outcome outcome, long latencyMillis) {
        Map<String, Object> line = new LinkedHashMap<>();
        // Header values are logged before (or without) validation: keep them short.
        line.put("deliveryId", clip(outcome.deliveryId()));
        line.put("githubEvent", clip(outcome.event()));
        line.put("ref", outcome.ref());
        line.put("decision", outcome.decision().label());
        line.put("status", outcome.status());
        line.put("executionId", outcome.executionId());
        Object detail = outcome.body().containsKey("error") ? outcome.body().get("error") : outcome.body().get("reason");
        line.put("detail", detail);
        line.put("latencyMs", latencyMillis);
        if (!outcome.warnings().isEmpty()) {
            line.put("warnings", outcome.warnings());
        }
        if (outcome.status() >= 500 || !outcome.warnings().isEmpty()) {
            log.warn("delivery", line);
        } else {
            log.info("delivery", line);
        }
    }

    WebhookPriming priming() {
        return priming;
    }

    private static String clip(String value) {
        return value == null || value.length() <= 128 ? value : value.substring(0, 128) + "...";
    }
}
