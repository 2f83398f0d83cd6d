package dev.shipgate.webhook.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to one delivery and what to log about it.
 *
 * @param body     the short JSON object GitHub shows in its delivery log
 * @param warnings things an operator should fix (logged at WARN), never secrets or payload text
 */
public record Outcome(
        Decision decision,
        Map<String, Object> body,
        String event,
        String deliveryId,
        String ref,
        String executionId,
        List<String> warnings) {

    public Outcome {
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
        warnings = List.copyOf(warnings);
    }

    public int status() {
        return decision.status();
    }
}
