package dev.shipgate.notifier.state;

import dev.shipgate.notifier.event.ActionInfo;

import java.time.Instant;

/** What earlier events of the same execution left behind: its start, and the action that failed. */
public record ExecutionMemo(Instant startedAt, ActionInfo failedAction) {

    public static final ExecutionMemo EMPTY = new ExecutionMemo(null, null);
}
