package dev.shipgate.notifier.state;

import dev.shipgate.notifier.event.ActionInfo;

import java.time.Instant;
import java.util.Optional;

/** Remembers pipeline outcomes and per-execution facts between invocations. Implementations may throw. */
public interface StateStore {

    /** When the execution started, as remembered from its STARTED event. */
    Optional<Instant> startedAt(String pipeline, String executionId);

    /** The first action that failed in the execution, as remembered from its action FAILED event. */
    Optional<ActionInfo> failedAction(String pipeline, String executionId);

    /** Remembers the start of an execution; the first one recorded stays. */
    void recordStarted(String pipeline, String executionId, Instant startedAt);

    /** Remembers a failed action of an execution; the first one recorded stays (later ones are consequences). */
    void recordFailedAction(String pipeline, String executionId, ActionInfo action);

    /** The last outcome remembered for the pipeline, if any. */
    Optional<Outcome> lastOutcome(String pipeline);

    /**
     * Stores {@code outcome} as the pipeline's last one unless a later one (greater order) is already
     * stored; returns whether it was stored.
     */
    boolean recordOutcome(String pipeline, Outcome outcome);

    /** Whether a message was already posted for this event delivery id (a redelivered event). */
    boolean alreadySent(String deliveryId);

    /** Remembers that the message for this delivery id reached Slack. */
    void markSent(String deliveryId);
}
