package dev.shipgate.webhook.signature;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCacheTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicInteger reads = new AtomicInteger();

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

    @Test
    void new_readsTheSecretOnce() {
        SecretCache cache = new SecretCache(values("first"), clock::get, 60_000);

        assertThat(reads).hasValue(1);
        assertThat(verifies(cache.current(), "first")).isTrue();
    }

    @Test
    void refresh_withinInterval_isRateLimited() {
        SecretCache cache = new SecretCache(values("first", "second"), clock::get, 60_000);
        clock.addAndGet(59_999);

        assertThat(cache.refresh()).isEmpty();
        assertThat(reads).hasValue(1);
    }

    @Test
    void refresh_afterInterval_readsTheNewValue() {
        SecretCache cache = new SecretCache(values("first", "second"), clock::get, 60_000);
        clock.addAndGet(60_000);

        assertThat(cache.refresh()).isPresent();
        assertThat(verifies(cache.current(), "second")).isTrue();
        assertThat(verifies(cache.current(), "first")).isFalse();
    }

    @Test
    void refresh_storeFails_keepsCachedValueAndStillRateLimits() {
        SecretCache cache = new SecretCache(values("first"), clock::get, 60_000);
        clock.addAndGet(60_000);

        assertThatThrownBy(cache::refresh).isInstanceOf(IllegalStateException.class);
        assertThat(verifies(cache.current(), "first")).isTrue();
        assertThat(cache.refresh()).isEmpty();
        assertThat(reads).hasValue(2);
    }

    private static boolean verifies(WebhookSecret secret, String value) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        return SignatureVerifier.verify(SignatureVerifier.sign(value, body), body, secret).valid();
    }
}
