package dev.shipgate.notifier.thread;

/**
 * An execution's thread in the state table: its view and version (each change of the view adds one), the parent
 * message's {@code ts} once posted, and until then the claim of the invocation posting it ({@code claimId},
 * {@code claimedAtMillis}; null and 0 when no claim is held).
 */
public record ThreadRecord(ExecutionView view, long version, String ts, String claimId, long claimedAtMillis) {

    ThreadRecord withView(ExecutionView newView) {
        return new ThreadRecord(newView, version + 1, ts, claimId, claimedAtMillis);
    }
}
