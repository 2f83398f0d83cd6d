package dev.shipgate.notifier.message;

import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.GateVerdict;
import dev.shipgate.notifier.event.Kind;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything one Slack message says, independent of Block Kit: what happened ({@code kind},
 * {@code state}, {@code recovered}), where (project, pipeline, execution, region), the commit, and
 * the details that depend on the outcome (failed action, gate verdict). Optional parts are null.
 */
public record Notification(
        Kind kind,
        String state,
        boolean recovered,
        String project,
        String pipeline,
        String executionId,
        String region,
        String stage,
        ActionInfo action,
        Commit commit,
        String repository,
        String compareUrl,
        Duration duration,
        String triggerType,
        String stopComments,
        int attempt,
        GateVerdict verdict,
        String mention,
        Instant time) {

    public boolean failure() {
        return kind == Kind.GATE ? "FAIL".equals(state) || "ERROR".equals(state) : "FAILED".equals(state);
    }
}
