package dev.shipgate.notifier.thread;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.notifier.event.Kind;
import dev.shipgate.notifier.message.MessageRenderer;
import dev.shipgate.notifier.message.Notification;
import dev.shipgate.notifier.message.SlackMessage;
import dev.shipgate.notifier.output.SlackOutput;
import dev.shipgate.notifier.slack.SlackChat;
import dev.shipgate.notifier.slack.SlackDeliveryException;
import dev.shipgate.notifier.slack.WebApiSlackChat;
import dev.shipgate.notifier.slack.WebhookSlackClient;
import dev.shipgate.shared.log.JsonLog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One Slack thread per pipeline execution (Web API mode). Every event of the execution is merged into its
 * {@link ExecutionView} (a versioned, conditional write), and the thread's parent message shows that view: the
 * first invocation to create the execution's thread item holds the claim to post the parent and records its
 * {@code ts}; every other invocation updates the parent ({@code chat.update}) instead. One that finds the claim
 * still without a {@code ts} waits a little, then fails so its event is retried; a claim older than
 * {@link #CLAIM_STALE_MILLIS} (twice the function's timeout, so its holder is surely gone) is taken over.
 * Selected events (NOTIFY_ON) are replies in the thread; a failed pipeline and a gate FAIL are also broadcast to
 * the channel. Updating the parent is best effort; a parent deleted in Slack is forgotten (the next event posts a
 * new one) and the reply goes to the channel itself. Events of no execution (alarms, a verdict naming none) are
 * plain channel messages.
 */
public final class SlackThreads implements SlackOutput {

    static final long CLAIM_STALE_MILLIS = 60_000;
    static final long POLL_MILLIS = 250;
    static final long WAIT_MAX_MILLIS = 8_000;
    /** Time kept back after waiting for a parent, for the update and the reply. */
    static final long RESERVE_MILLIS = 4_000;
    static final int MERGE_ATTEMPTS = 10;
    static final int CONVERGE_ROUNDS = 10;
    static final int RECORD_ATTEMPTS = 4;
    /** Slack's answers when the parent was deleted: {@code chat.update} and a reply in its thread. */
    static final Set<String> PARENT_GONE = Set.of("message_not_found", "thread_not_found", "invalid_thread_ts");

    private final ThreadStore store;
    private final SlackChat chat;
    private final JsonLog log;
    private final LongSupplier clockMillis;
    private final WebhookSlackClient.Sleeper sleeper;
    private final Supplier<String> claimIds;
    private final MessageRenderer renderer = new MessageRenderer();
    private final ParentRenderer parents = new ParentRenderer();

    /**
     * @param clockMillis wall-clock milliseconds (claims are compared across instances)
     * @param claimIds    a new unique id per call, naming the invocation that claims a parent
     */
    public SlackThreads(ThreadStore store, SlackChat chat, JsonLog log, LongSupplier clockMillis,
                        WebhookSlackClient.Sleeper sleeper, Supplier<String> claimIds) {
        this.store = store;
        this.chat = chat;
        this.log = log;
        this.clockMillis = clockMillis;
        this.sleeper = sleeper;
        this.claimIds = claimIds;
    }

    @Override
    public boolean showsUnselectedEvents() {
        return true;
    }

    @Override
    public void deliver(Notification n, boolean selected, LongSupplier remainingMillis) {
        if (n.pipeline() == null || n.executionId() == null) {
            if (selected) {
                postToChannel(renderer.render(n), remainingMillis);
            }
            return;
        }
        String ts;
        try {
            ts = parent(n, claimIds.get(), remainingMillis);
        } catch (SlackDeliveryException e) {
            throw e;
        } catch (RuntimeException stateUnavailable) {
            // Only before anything was posted (merging, claiming): without the thread state there is no thread to
            // reply in, so the message still reaches the channel.
            Map<String, Object> fields = fields(n);
            fields.put("error", stateUnavailable.getClass().getSimpleName());
            log.warn("thread-state-unavailable", fields);
            if (selected) {
                chat.post(renderer.render(n).toJson(), null, broadcast(n), remainingMillis);
            }
            return;
        }
        if (selected && !(n.kind() == Kind.PIPELINE && "STARTED".equals(n.state()))) {
            reply(n, ts, remainingMillis);
        }
    }

    @Override
    public void postToChannel(SlackMessage message, LongSupplier remainingMillis) {
        chat.post(message.toJson(), null, false, remainingMillis);
    }

    /** A reply in the thread of {@code ts}; with no parent left to reply to, the message goes to the channel itself. */
    private void reply(Notification n, String ts, LongSupplier remainingMillis) {
        ObjectNode message = renderer.render(n).toJson();
        Map<String, Object> fields = fields(n);
        if (ts != null) {
            try {
                chat.post(message, ts, broadcast(n), remainingMillis);
                fields.put("ts", ts);
                fields.put("broadcast", broadcast(n));
                log.info("thread-reply-sent", fields);
                return;
            } catch (SlackDeliveryException e) {
                if (!PARENT_GONE.contains(e.slackError())) {
                    throw e;
                }
                parentGone(n, ts, e);
            }
        }
        chat.post(message, null, false, remainingMillis);
        log.info("thread-reply-unthreaded", fields);
    }

    /** A failed execution and a gate FAIL are shown in the channel too, never only inside a thread. */
    static boolean broadcast(Notification n) {
        return n.kind() == Kind.PIPELINE && "FAILED".equals(n.state()) || n.kind() == Kind.GATE && "FAIL".equals(n.state());
    }

    /**
     * Merges the event into the thread and brings the parent up to date (posting it if this invocation holds the
     * claim); returns its ts, or null when the parent was deleted in Slack (the next event posts a new one).
     */
    private String parent(Notification n, String me, LongSupplier remainingMillis) {
        ThreadRecord r = merge(n, me);
        long waitingSince = clockMillis.getAsLong();
        while (true) {
            if (r.ts() != null) {
                return converge(n, r, false, remainingMillis) ? r.ts() : null;
            }
            if (me.equals(r.claimId())) {
                return postParent(n, r, me, remainingMillis);
            }
            long now = clockMillis.getAsLong();
            boolean stale = r.claimId() != null && now - r.claimedAtMillis() >= CLAIM_STALE_MILLIS;
            if (r.claimId() == null || stale) {
                if (stale) {
                    Map<String, Object> fields = fields(n);
                    fields.put("claimAgeMillis", now - r.claimedAtMillis());
                    log.warn("thread-claim-taken-over", fields);
                }
                if (store.claim(n.pipeline(), n.executionId(), r.claimId(), me, now)) {
                    r = new ThreadRecord(r.view(), r.version(), null, me, now);
                    continue;
                }
            } else {
                if (now - waitingSince >= WAIT_MAX_MILLIS || remainingMillis.getAsLong() - POLL_MILLIS < RESERVE_MILLIS) {
                    throw new SlackDeliveryException("another invocation is still posting this execution's thread parent;"
                            + " the event is retried", 0, "thread_parent_pending", false);
                }
                sleep();
            }
            Optional<ThreadRecord> found = store.find(n.pipeline(), n.executionId());
            // Gone (expired or deleted): the event makes a new thread rather than being lost.
            r = found.isPresent() ? found.get() : merge(n, me);
        }
    }

    private ThreadRecord merge(Notification n, String me) {
        for (int attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
            Optional<ThreadRecord> found = store.find(n.pipeline(), n.executionId());
            if (found.isEmpty()) {
                ExecutionView view = ExecutionView.of(n);
                long now = clockMillis.getAsLong();
                if (store.create(view, me, now)) {
                    // Read back: a store whose conditional writes can race (an emulator) may have let another creator
                    // through; the item names the one claim that holds. A lost view is merged again in converge.
                    Optional<ThreadRecord> created = store.find(n.pipeline(), n.executionId());
                    return created.isPresent() ? created.get() : new ThreadRecord(view, 1, null, me, now);
                }
                continue;
            }
            ThreadRecord r = found.get();
            ExecutionView merged = r.view().with(n);
            if (merged.equals(r.view())) {
                return r;
            }
            if (store.updateView(merged, r.version())) {
                return r.withView(merged);
            }
        }
        throw new SlackDeliveryException("the execution's thread changed under every one of " + MERGE_ATTEMPTS
                + " attempts; the event is retried", 0, "thread_contention", false);
    }

    private String postParent(Notification n, ThreadRecord r, String me, LongSupplier remainingMillis) {
        String ts;
        try {
            ts = chat.post(parents.render(r.view()).toJson(), null, false, remainingMillis);
        } catch (SlackDeliveryException e) {
            if (e.permanent() || WebApiSlackChat.TOKEN_UNAVAILABLE.equals(e.slackError())) {
                // Slack refused it, or it was never sent (no parent exists): the next event may try at once.
                store.release(n.pipeline(), n.executionId(), me);
            }
            throw e;
        }
        Map<String, Object> fields = fields(n);
        fields.put("ts", ts);
        if (!recordParent(n, me, ts)) {
            log.warn("thread-parent-not-recorded", fields);
        }
        log.info("thread-parent-posted", fields);
        return converge(n, new ThreadRecord(r.view(), r.version(), ts, me, r.claimedAtMillis()), true, remainingMillis) ? ts : null;
    }

    /**
     * Records the parent Slack just accepted, retrying a failed write a few times. Never falls back to posting
     * elsewhere: the parent exists, and the claim it holds keeps any other invocation from posting a second one
     * until it is stale, so a write that keeps failing fails the event for a later retry.
     */
    private boolean recordParent(Notification n, String me, String ts) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= RECORD_ATTEMPTS; attempt++) {
            try {
                return store.recordParent(n.pipeline(), n.executionId(), me, ts);
            } catch (RuntimeException e) {
                last = e;
                if (attempt < RECORD_ATTEMPTS) {
                    sleep();
                }
            }
        }
        Map<String, Object> fields = fields(n);
        fields.put("ts", ts);
        fields.put("error", last.getClass().getSimpleName());
        log.error("thread-parent-not-recorded", fields);
        throw new SlackDeliveryException("the thread parent was posted but the thread state did not take its ts ("
                + last.getClass().getSimpleName() + "); the event is retried", 0, "thread_state_unavailable", false);
    }

    /**
     * Shows the thread's view in the parent, then again while other invocations changed it meanwhile: whichever
     * update reaches Slack last, the one that rendered an older view notices and renders the newer one. Returns
     * false when the parent was deleted in Slack.
     */
    private boolean converge(Notification n, ThreadRecord r, boolean shown, LongSupplier remainingMillis) {
        long version = r.version();
        if (!shown && !show(n, r.ts(), r.view(), remainingMillis)) {
            return false;
        }
        for (int round = 0; round < CONVERGE_ROUNDS; round++) {
            Optional<ThreadRecord> found;
            try {
                found = store.find(n.pipeline(), n.executionId());
            } catch (RuntimeException stateUnavailable) {
                // The parent is shown; a later event brings it up to date.
                return true;
            }
            if (found.isEmpty() || found.get().ts() == null) {
                return true;
            }
            ThreadRecord now = found.get();
            ExecutionView withThisEvent = now.view().with(n);
            if (!withThisEvent.equals(now.view())) {
                // This event is missing from the stored view (a lost write): merge it again before showing it.
                try {
                    if (!store.updateView(withThisEvent, now.version())) {
                        continue;
                    }
                } catch (RuntimeException stateUnavailable) {
                    return true;
                }
                now = now.withView(withThisEvent);
            } else if (now.version() <= version) {
                return true;
            }
            version = now.version();
            if (!show(n, now.ts(), now.view(), remainingMillis)) {
                return false;
            }
        }
        log.warn("thread-parent-still-changing", fields(n));
        return true;
    }

    /**
     * Updates the parent, best effort: a parent Slack would not update must not keep the reply (and a failure's
     * broadcast) from being posted. Returns false when the parent is gone.
     */
    private boolean show(Notification n, String ts, ExecutionView view, LongSupplier remainingMillis) {
        try {
            chat.update(ts, parents.render(view).toJson(), remainingMillis);
            return true;
        } catch (SlackDeliveryException e) {
            if (PARENT_GONE.contains(e.slackError())) {
                parentGone(n, ts, e);
                return false;
            }
            Map<String, Object> fields = fields(n);
            fields.put("ts", ts);
            fields.put("error", String.valueOf(e.slackError()));
            log.warn("thread-parent-update-failed", fields);
            return true;
        }
    }

    /** The parent was deleted in Slack: forgets it so the next event posts a new one (best effort, as the reply still goes out). */
    private void parentGone(Notification n, String ts, SlackDeliveryException e) {
        Map<String, Object> fields = fields(n);
        fields.put("ts", ts);
        fields.put("error", e.slackError());
        try {
            store.forgetParent(n.pipeline(), n.executionId(), ts);
        } catch (RuntimeException stateUnavailable) {
            fields.put("forgetError", stateUnavailable.getClass().getSimpleName());
        }
        log.warn("thread-parent-gone", fields);
    }

    private void sleep() {
        try {
            sleeper.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackDeliveryException("interrupted while waiting for the thread parent", 0, null, false);
        }
    }

    private static Map<String, Object> fields(Notification n) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", n.kind().label());
        fields.put("state", n.state());
        fields.put("pipeline", n.pipeline());
        fields.put("executionId", n.executionId());
        return fields;
    }
}
