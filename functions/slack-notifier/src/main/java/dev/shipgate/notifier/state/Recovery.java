package dev.shipgate.notifier.state;

import java.util.Optional;

/**
 * Decides whether a finished execution is a recovery: a SUCCEEDED whose previous remembered outcome
 * (by execution start, so late or repeated events do not confuse it) was FAILED, whether that was an earlier
 * execution or the same one before a failed stage was retried.
 */
public final class Recovery {

    private Recovery() {
    }

    public static boolean isRecovery(Outcome current, Optional<Outcome> previous) {
        if (!"SUCCEEDED".equals(current.state()) || previous.isEmpty()) {
            return false;
        }
        Outcome last = previous.get();
        if (last.executionId().equals(current.executionId())) {
            // The same outcome again keeps what was decided the first time; FAILED then SUCCEEDED is a retried stage.
            return last.state().equals(current.state()) ? last.recovered() : "FAILED".equals(last.state());
        }
        return "FAILED".equals(last.state()) && last.order() <= current.order();
    }

    /** Only SUCCEEDED and FAILED are remembered: stopped or superseded runs say nothing about the pipeline's health. */
    public static boolean remembered(String state) {
        return "SUCCEEDED".equals(state) || "FAILED".equals(state);
    }
}
