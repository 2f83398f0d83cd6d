package dev.shipgate.webhook.delivery;

import dev.shipgate.webhook.delivery.PipelineStarter.StartFailure;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * Retries a throttled or failing start with capped exponential backoff, never past the deadline:
 * GitHub drops the connection after 10 s, so giving up in time with a 503 beats being cut off.
 * Retrying is safe because every attempt carries the same client request token.
 */
public final class StartRetry {

    /** Per-attempt cap, smallest attempt worth making, and the backoff range. */
    public record Policy(long attemptTimeoutMillis, long minAttemptMillis, long baseBackoffMillis, long maxBackoffMillis) {
        public static final Policy DEFAULT = new Policy(2_000, 250, 100, 1_000);
    }

    /** Sleeps; a seam so the policy can be tested without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final PipelineStarter starter;
    private final Policy policy;
    private final LongSupplier clockMillis;
    private final Sleeper sleeper;
    private final LongUnaryOperator jitter;

    /**
     * @param clockMillis a monotonic clock in milliseconds, the same one the deadline is expressed in
     * @param jitter      maps a backoff ceiling to the delay actually slept (between half and all of it)
     */
    public StartRetry(PipelineStarter starter, Policy policy, LongSupplier clockMillis, Sleeper sleeper, LongUnaryOperator jitter) {
        this.starter = starter;
        this.policy = policy;
        this.clockMillis = clockMillis;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** Returns the execution id, or throws the final {@link StartFailure} (retryable ones mean "out of time"). */
    public Attempted start(PipelineStart command, long deadlineMillis) {
        int attempts = 0;
        while (true) {
            long remaining = deadlineMillis - clockMillis.getAsLong();
            attempts++;
            StartFailure failure;
            try {
                String id = starter.start(command, Duration.ofMillis(Math.max(1, Math.min(policy.attemptTimeoutMillis(), remaining))));
                return new Attempted(id, attempts);
            } catch (StartFailure e) {
                failure = e;
            }
            if (!failure.retryable()) {
                throw new GaveUp(failure, attempts);
            }
            long ceiling = Math.min(policy.maxBackoffMillis(), policy.baseBackoffMillis() << Math.min(attempts - 1, 20));
            long delay = jitter.applyAsLong(ceiling);
            if (clockMillis.getAsLong() + delay + policy.minAttemptMillis() > deadlineMillis) {
                throw new GaveUp(failure, attempts);
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GaveUp(failure, attempts);
            }
        }
    }

    /** A started execution and how many attempts it took. */
    public record Attempted(String executionId, int attempts) {
    }

    /** The last failure once retrying stopped (not retryable, or no time left). */
    public static final class GaveUp extends RuntimeException {
        private final StartFailure last;
        private final int attempts;

        GaveUp(StartFailure last, int attempts) {
            super(last.getMessage(), last);
            this.last = last;
            this.attempts = attempts;
        }

        public StartFailure last() {
            return last;
        }

        public int attempts() {
            return attempts;
        }
    }
}
