package dev.shipgate.shared.secret;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static dev.shipgate.testing.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCacheTest {

    private static final long MIN_REFRESH = 60_000;
    private static final long MAX_AGE = 300_000;

    private static final Executor OWN_THREAD = task -> Thread.ofPlatform().start(task);

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicInteger reads = new AtomicInteger();

    /** The store: hands out the given values in order, then fails as an unavailable store would. */
    private Supplier<String> values(String... stored) {
        Deque<String> queue = new ArrayDeque<>(List.of(stored));
        return () -> {
            reads.incrementAndGet();
            String next = queue.poll();
            if (next == null) {
                throw new IllegalStateException("store unavailable");
            }
            return next;
        };
    }

    private SecretCache<String> cache(String... stored) {
        return new SecretCache<>(values(stored), clock::get, MIN_REFRESH, MAX_AGE);
    }

    @Test
    void new_readsTheSecretOnce() {
        SecretCache<String> cache = cache("first");

        assertThat(cache.current()).isEqualTo("first");
        assertThat(reads).hasValue(1);
    }

    @Test
    void new_storeFails_failsTheCaller() {
        assertThatThrownBy(this::cache).isInstanceOf(IllegalStateException.class).hasMessage("store unavailable");
    }

    @Test
    void refresh_withinInterval_isRateLimited() {
        SecretCache<String> cache = cache("first", "second");
        clock.addAndGet(MIN_REFRESH - 1);

        assertThat(cache.refresh()).isEmpty();
        assertThat(reads).hasValue(1);
    }

    @Test
    void refresh_afterInterval_readsTheNewValue() {
        SecretCache<String> cache = cache("first", "second");
        clock.addAndGet(MIN_REFRESH);

        assertThat(cache.refresh()).contains("second");
        assertThat(cache.current()).isEqualTo("second");
    }

    @Test
    void refresh_storeFails_keepsCachedValueAndStillRateLimits() {
        SecretCache<String> cache = cache("first");
        clock.addAndGet(MIN_REFRESH);

        assertThatThrownBy(cache::refresh).isInstanceOf(IllegalStateException.class);
        assertThat(cache.current()).isEqualTo("first");
        assertThat(cache.refresh()).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void current_beforeMaximumAge_usesTheCachedValue() {
        SecretCache<String> cache = cache("first", "second");
        clock.addAndGet(MAX_AGE - 1);

        assertThat(cache.current()).isEqualTo("first");
        assertThat(reads).hasValue(1);
    }

    @Test
    void current_atMaximumAge_readsAgain_evenWithoutAnyMiss() {
        // A value revoked in the store (a rotation's "previous") stops working within the maximum age.
        SecretCache<String> cache = cache("current+previous", "current");
        clock.addAndGet(MAX_AGE);

        assertThat(cache.current()).isEqualTo("current");
        assertThat(reads).hasValue(2);
    }

    @Test
    void current_pastMaximumAge_storeFails_failsEveryUseUntilARead() {
        Deque<String> store = new ArrayDeque<>(List.of("first"));
        boolean[] down = {false};
        SecretCache<String> cache = new SecretCache<>(() -> {
            if (down[0]) {
                throw new IllegalStateException("store unavailable");
            }
            return store.isEmpty() ? "second" : store.poll();
        }, clock::get, MIN_REFRESH, MAX_AGE);
        clock.addAndGet(MAX_AGE);
        down[0] = true;

        assertThatThrownBy(cache::current).hasMessage("store unavailable");
        clock.addAndGet(1);
        assertThatThrownBy(cache::current).as("the stale value is not trusted again").hasMessage("store unavailable");

        down[0] = false;
        assertThat(cache.current()).isEqualTo("second");
    }

    @Test
    void refresh_failures_doNotMakeTheCachedValueYounger() {
        SecretCache<String> cache = cache("first");
        clock.addAndGet(MIN_REFRESH);
        assertThatThrownBy(cache::refresh).isInstanceOf(IllegalStateException.class);

        clock.addAndGet(MAX_AGE - MIN_REFRESH);

        assertThatThrownBy(cache::current).as("read at init, now at its maximum age").hasMessage("store unavailable");
    }

    @Test
    void expire_nextUseReadsAgain_evenThoughTheClockDidNotMove() {
        // After a SnapStart restore: the monotonic clock did not count the days the snapshot sat on disk.
        SecretCache<String> cache = cache("before-checkpoint", "after-restore");

        cache.expire();

        assertThat(cache.current()).isEqualTo("after-restore");
        assertThat(cache.current()).isEqualTo("after-restore");
        assertThat(reads).hasValue(2);
    }

    @Test
    void expire_storeFails_failsUntilARead() {
        SecretCache<String> cache = cache("before-checkpoint");

        cache.expire();

        assertThatThrownBy(cache::current).hasMessage("store unavailable");
        assertThatThrownBy(cache::current).hasMessage("store unavailable");
    }

    @Test
    void refreshIfExpired_afterExpire_readsNow_andUsesThatValueWithoutAnotherRead() {
        SecretCache<String> cache = cache("before-checkpoint", "after-restore");
        cache.expire();

        assertThat(cache.refreshIfExpired()).isTrue();

        assertThat(cache.current()).isEqualTo("after-restore");
        assertThat(reads).hasValue(2);
    }

    @Test
    void refreshIfExpired_storeFails_neverServesTheValueFromBefore_andTheNextUseReadsAgain() {
        SecretCache<String> cache = cache("before-checkpoint");
        cache.expire();

        assertThatThrownBy(cache::refreshIfExpired).hasMessage("store unavailable");

        assertThatThrownBy(cache::current).hasMessage("store unavailable");
        assertThat(reads).hasValue(3);
    }

    @Test
    void refreshIfExpired_aUseAlreadyReadItSinceTheExpiry_doesNotReadAgain() {
        SecretCache<String> cache = cache("before-checkpoint", "after-restore", "a-redundant-read");
        cache.expire();
        assertThat(cache.current()).isEqualTo("after-restore");

        assertThat(cache.refreshIfExpired()).isFalse();

        assertThat(cache.current()).isEqualTo("after-restore");
        assertThat(reads).hasValue(2);
    }

    @Test
    void refreshIfExpired_notExpired_readsNothing_evenPastTheMaximumAge() {
        // The maximum age is enforced by the next use; this is only the background read after a restore.
        SecretCache<String> cache = cache("first", "second");
        clock.addAndGet(MAX_AGE);

        assertThat(cache.refreshIfExpired()).isFalse();
        assertThat(reads).hasValue(1);
    }

    @Test
    void current_whileABackgroundReadIsInFlight_waitsForIt_andGetsTheNewValue_neverTheOldOne() throws Exception {
        Race race = useDuringTheBackgroundRead("before-checkpoint", "after-restore");

        assertThat(race.use().get(30, TimeUnit.SECONDS)).isEqualTo("after-restore");
        assertThat(race.background().get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(reads).as("the use waited for the background read instead of reading itself").hasValue(2);
    }

    @Test
    void current_whileABackgroundReadIsInFlightThatFails_readsItself_andFailsClosed() {
        Race race = useDuringTheBackgroundRead("before-checkpoint");

        assertThat(race.background()).failsWithin(30, TimeUnit.SECONDS);
        assertThat(race.use()).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .withRootCauseInstanceOf(IllegalStateException.class).withMessageContaining("store unavailable");
        assertThat(reads).as("init, the background read, the use's own read").hasValue(3);
    }

    private record Race(CompletableFuture<Boolean> background, CompletableFuture<String> use) {
    }

    /**
     * After a restore: the cache is expired and its background read has reached the store, which holds its answer
     * while a use comes; then the store answers (from {@code stored}, after the init read's value).
     */
    private Race useDuringTheBackgroundRead(String... stored) {
        CountDownLatch readStarted = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        Supplier<String> store = values(stored);
        SecretCache<String> cache = new SecretCache<>(() -> {
            if (reads.get() == 1) {
                readStarted.countDown();
                await(answer);
            }
            return store.get();
        }, clock::get, MIN_REFRESH, MAX_AGE);
        cache.expire();
        CompletableFuture<Boolean> background = CompletableFuture.supplyAsync(cache::refreshIfExpired, OWN_THREAD);
        await(readStarted);

        CompletableFuture<String> use = CompletableFuture.supplyAsync(cache::current, OWN_THREAD);
        answer.countDown();
        return new Race(background, use);
    }
}
