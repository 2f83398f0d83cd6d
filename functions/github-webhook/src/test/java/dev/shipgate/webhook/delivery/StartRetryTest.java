package dev.shipgate.webhook.delivery;

import dev.shipgate.webhook.delivery.PipelineStarter.StartFailure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartRetryTest {

    private static final PipelineStart COMMAND = new PipelineStart("p", "Source", "6dcb09b5b57875f334f61aebed695e2e4193db5e",
            "token-1", Map.of("COMMIT_SHA", "6dcb09b5b57875f334f61aebed695e2e4193db5e"));

    private final AtomicLong clock = new AtomicLong();
    private final List<Long> sleeps = new ArrayList<>();
    private final List<Duration> timeouts = new ArrayList<>();

    private StartRetry retry(PipelineStarter starter) {
        // The fake clock advances only when the retry sleeps: time spent in attempts is simulated by the starters.
        return new StartRetry(starter, StartRetry.Policy.DEFAULT, clock::get, millis -> {
            sleeps.add(millis);
            clock.addAndGet(millis);
        }, ceiling -> ceiling);
    }

    private PipelineStarter failing(int failures, StartFailure failure, long attemptMillis) {
        int[] calls = {0};
        return (command, timeout) -> {
            timeouts.add(timeout);
            clock.addAndGet(attemptMillis);
            if (calls[0]++ < failures) {
                throw failure;
            }
            return "exec-" + calls[0];
        };
    }

    private static StartFailure throttled() {
        return new StartFailure("ThrottlingException", "Rate exceeded", true, null);
    }

    @Test
    void start_throttledTwice_succeedsOnThirdAttemptWithGrowingBackoff() {
        StartRetry.Attempted attempted = retry(failing(2, throttled(), 50)).start(COMMAND, 7_000);

        assertThat(attempted.executionId()).isEqualTo("exec-3");
        assertThat(attempted.attempts()).isEqualTo(3);
        assertThat(sleeps).containsExactly(100L, 200L);
    }

    @Test
    void start_backoffIsCappedAtOneSecond() {
        assertThatThrownBy(() -> retry(failing(100, throttled(), 10)).start(COMMAND, 7_000)).isInstanceOf(StartRetry.GaveUp.class);

        assertThat(sleeps).startsWith(100L, 200L, 400L, 800L, 1_000L);
        assertThat(sleeps).allMatch(s -> s <= 1_000L);
    }

    @Test
    void start_persistentFailure_givesUpBeforeTheDeadline() {
        StartRetry.GaveUp gaveUp = org.junit.jupiter.api.Assertions.assertThrows(StartRetry.GaveUp.class,
                () -> retry(failing(100, new StartFailure("InternalFailure", "boom", true, null), 300)).start(COMMAND, 7_000));

        assertThat(clock.get()).isLessThanOrEqualTo(7_000);
        assertThat(gaveUp.attempts()).isGreaterThan(3);
        assertThat(gaveUp.last().code()).isEqualTo("InternalFailure");
        assertThat(timeouts).allMatch(t -> t.toMillis() <= 2_000);
    }

    @Test
    void start_lastAttemptTimeout_neverExceedsRemainingTime() {
        assertThatThrownBy(() -> retry(failing(100, throttled(), 0)).start(COMMAND, 1_500)).isInstanceOf(StartRetry.GaveUp.class);

        assertThat(timeouts.get(0)).isEqualTo(Duration.ofMillis(1_500));
        assertThat(timeouts).allMatch(t -> t.toMillis() <= 1_500);
    }

    @Test
    void start_notRetryable_givesUpAtOnce() {
        StartRetry.GaveUp gaveUp = org.junit.jupiter.api.Assertions.assertThrows(StartRetry.GaveUp.class,
                () -> retry(failing(1, new StartFailure("PipelineNotFoundException", "no such pipeline", false, null), 5)).start(COMMAND, 7_000));

        assertThat(gaveUp.attempts()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }
}
