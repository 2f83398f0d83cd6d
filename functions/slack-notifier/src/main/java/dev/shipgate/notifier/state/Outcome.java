package dev.shipgate.notifier.state;

/**
 * The last finished outcome remembered for a pipeline: which execution, SUCCEEDED or FAILED, its
 * ordering key (execution start, else event time, epoch milliseconds) and whether it was a recovery.
 */
public record Outcome(String executionId, String state, long order, boolean recovered) {
}
