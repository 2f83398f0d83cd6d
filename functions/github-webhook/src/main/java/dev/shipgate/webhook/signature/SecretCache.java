package dev.shipgate.webhook.signature;

import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The webhook secret read once at init and kept. After a signature miss the caller may ask for one
 * re-read (a rotation may have happened), but at most once per {@code minRefreshMillis}, so a flood of
 * badly signed requests cannot hammer the secret store.
 */
public final class SecretCache {

    private final Supplier<String> source;
    private final LongSupplier clockMillis;
    private final long minRefreshMillis;
    private WebhookSecret secret;
    private long loadedAt;

    public SecretCache(Supplier<String> source, LongSupplier clockMillis, long minRefreshMillis) {
        this.source = source;
        this.clockMillis = clockMillis;
        this.minRefreshMillis = minRefreshMillis;
        this.secret = WebhookSecret.parse(source.get());
        this.loadedAt = clockMillis.getAsLong();
    }

    public synchronized WebhookSecret current() {
        return secret;
    }

    /**
     * Re-reads the secret when the last read is old enough. Returns the fresh secret when it was read,
     * empty when rate-limited; a failing store propagates its exception and the cached value stays.
     */
    public synchronized Optional<WebhookSecret> refresh() {
        long now = clockMillis.getAsLong();
        if (now - loadedAt < minRefreshMillis) {
            return Optional.empty();
        }
        loadedAt = now;
        secret = WebhookSecret.parse(source.get());
        return Optional.of(secret);
    }
}
