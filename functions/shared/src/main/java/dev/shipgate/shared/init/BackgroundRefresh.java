package dev.shipgate.shared.init;

import dev.shipgate.shared.log.JsonLog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one way a SnapStart {@code afterRestore} hook does network work: the hook itself only forgets what must not be
 * trusted after a restore (it renews the credentials provider, expires a secret cache), then hands the round trips
 * that fetch the new values here and returns. The runtime asks for the first event as soon as every hook has
 * returned, so those round trips overlap the first invocation instead of adding to Lambda's Restore Duration.
 * <p>
 * Every step of every hook runs on one daemon platform thread, {@value #THREAD_NAME}, in the order the hooks handed
 * them over (the hooks run in registration order: the credentials fetch first, then the functions' secret reads).
 * The thread is started before the checkpoint ({@link #prepare}, from the credentials provider's checkpoint hook) and
 * then waits, so the snapshot already holds it: after a restore a hook only queues its steps (starting a thread there, with the
 * classes it needs, took 2 to 3 ms of the restore). A step that fails is logged as one warn line (what it refreshes and the
 * exception, never a value) and the next step still runs. Nothing here is needed for correctness: a use that comes
 * while a step is in flight waits for it (the credentials provider and {@code SecretCache} are locked while they
 * read), and a use after a failed step finds nothing cached and asks again itself.
 */
public final class BackgroundRefresh {

    public static final String THREAD_NAME = "shipgate-after-restore";

    /** One round trip after a restore: what it refreshes (named in the warn line if it fails) and the call. */
    public record Step(String refreshes, Runnable call) {
    }

    private static final ThreadPoolExecutor LANE = lane();

    private BackgroundRefresh() {
    }

    /** Starts the lane's thread now (before a SnapStart checkpoint) if it is not running yet; it then waits for steps. */
    public static void prepare() {
        LANE.prestartCoreThread();
    }

    /**
     * Queues the steps, one after the other, behind any steps queued before them, and returns at once. The future is
     * done when the last of them has run (failed steps included); only tests wait for it.
     */
    public static Future<?> start(JsonLog log, List<Step> steps) {
        return LANE.submit(() -> steps.forEach(step -> run(log, step)));
    }

    private static void run(JsonLog log, Step step) {
        try {
            step.call().run();
        } catch (RuntimeException e) {
            log.warn("after-restore", Map.of("refresh", step.refreshes(), "outcome", "failed", "exception", e.getClass().getName(),
                    "detail", String.valueOf(e.getMessage()), "then", "the first use asks again"));
        }
    }

    private static ThreadPoolExecutor lane() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(task));
    }
}
