package dev.shipgate.notifier.thread;

import java.util.Optional;

/**
 * Where each execution's thread is kept (implementations may throw). Every write is conditional, so invocations
 * racing on one execution agree on a single parent message.
 */
public interface ThreadStore {

    Optional<ThreadRecord> find(String pipeline, String executionId);

    /** Creates the execution's thread (version 1) claimed by {@code claimId}, unless it exists; returns whether it did. */
    boolean create(ExecutionView view, String claimId, long nowMillis);

    /** Stores {@code view} as version {@code version + 1} if the thread is still at {@code version}; returns whether it did. */
    boolean updateView(ExecutionView view, long version);

    /**
     * Takes the claim to post the parent: only while no parent is recorded and the claim is still {@code heldBy}
     * (null: no claim). Returns whether it did.
     */
    boolean claim(String pipeline, String executionId, String heldBy, String claimId, long nowMillis);

    /** Gives a claim up without a parent (posting failed for good), so the next event can post it. */
    void release(String pipeline, String executionId, String claimId);

    /** Records the parent's {@code ts} if {@code claimId} still holds the claim and none is recorded; returns whether it did. */
    boolean recordParent(String pipeline, String executionId, String claimId, String ts);

    /** Forgets the parent {@code ts} (deleted in Slack) if it is still the recorded one, so the next event posts a new parent. */
    void forgetParent(String pipeline, String executionId, String ts);
}
