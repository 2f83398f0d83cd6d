package dev.shipgate.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on a test's latch without hanging the build when the code under test never counts it down. */
public final class Latches {

    private Latches() {
    }

    /** Waits for the latch; fails (after 30 s, a guard, not a measurement) when nothing ever opens it. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a test latch was never counted down");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
