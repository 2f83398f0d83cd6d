package dev.shipgate.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shipgate.notifier.event.EventReader;
import dev.shipgate.shared.json.JsonTree;
import dev.shipgate.shared.log.JsonLog;
import org.crac.Core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Entry point: EventBridge CodePipeline events, or SNS records carrying scan-gate verdicts, CodeStar
 * notifications and CloudWatch alarm notifications, posted to Slack. Unknown or malformed events are logged
 * by type and skipped; a message Slack refuses fails the invocation (the event goes to the dead-letter queue).
 */
public final class SlackNotifierHandler implements RequestStreamHandler {

    private final EventReader reader;
    private final NotifierService service;
    private final JsonLog log;
    /** Held strongly: org.crac keeps registered resources only weakly. */
    private final NotifierPriming priming;

    /** Lambda's constructor: the wiring from the environment, and the SnapStart priming registered once. */
    public SlackNotifierHandler() {
        this(NotifierWiring.fromEnvironment());
        Core.getGlobalContext().register(priming);
    }

    SlackNotifierHandler(NotifierWiring wiring) {
        this(wiring.reader(), wiring.service(), wiring.log(), wiring.priming());
    }

    /** Also the priming's handler for its synthetic events (over the priming's service; it holds that priming). */
    SlackNotifierHandler(EventReader reader, NotifierService service, JsonLog log, NotifierPriming priming) {
        this.reader = reader;
        this.service = service;
        this.log = log;
        this.priming = priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode root;
        try {
            root = JsonTree.parse(input);
        } catch (JsonProcessingException e) {
            log.warn("event-skipped", Map.of("type", "unparseable", "reason", "input is not JSON"));
            root = null;
        }
        NotifierService.Summary summary = root == null
                ? new NotifierService.Summary(0, 0, 1, 0)
                : service.handle(reader.read(root), () -> context.getRemainingTimeInMillis());
        JsonTree.write(JsonNodeFactory.instance.objectNode().put("sent", summary.sent()).put("filtered", summary.filtered())
                .put("skipped", summary.skipped()).put("duplicates", summary.duplicates()), output);
    }

    NotifierPriming priming() {
        return priming;
    }

}
