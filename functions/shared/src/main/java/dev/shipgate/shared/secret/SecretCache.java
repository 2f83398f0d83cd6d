package dev.shipgate.shared.secret;

import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A secret read at init and kept, but never for longer than {@code maxAgeMillis}: past that age the next use
 * reads it again, and if that read fails the use fails (no stale value is trusted past its age, so a value revoked
 * in the store stops working within that time). {@link #expire} makes the next use read again at once; the SnapStart
 * priming calls it in {@code afterRestore}, because a snapshot can sit on disk for days and a monotonic clock does not
 * count that time, and then has {@link #refreshIfExpired} read the new value in the background. Every method holds
 * this cache's lock while it reads, so a use that comes while that read is in flight waits for it and gets its value,
 * or reads itself if it failed; once expired, the value from before is never served again.
 * <p>
 * After a verification miss the caller may ask for an early re-read ({@link #refresh}, a rotation may just have
 * happened), at most once per {@code minRefreshMillis}, so a flood of bad requests cannot hammer the store.
 */
public final class SecretCache<T> {

    private final Supplier<T> source;
    private final LongSupplier clockMillis;
    private final long minRefreshMillis;
    private final long maxAgeMillis;
    private T value;
    private long loadedAt;
    private long attemptedAt;
    private boolean expired;

    /** Reads the secret now: a missing or unusable secret fails the caller (init) with the store's exception. */
    public SecretCache(Supplier<T> source, LongSupplier clockMillis, long minRefreshMillis, long maxAgeMillis) {
        if (maxAgeMillis <= 0 || minRefreshMillis < 0) {
            throw new IllegalArgumentException("maxAgeMillis must be positive and minRefreshMillis not negative");
        }
        this.source = source;
        this.clockMillis = clockMillis;
        this.minRefreshMillis = minRefreshMillis;
        this.maxAgeMillis = maxAgeMillis;
        this.value = source.get();
        this.loadedAt = clockMillis.getAsLong();
        this.attemptedAt = loadedAt;
    }

    /** The cached value, read again first when expired or older than the maximum age; a failed read propagates. */
    public synchronized T current() {
        long now = clockMillis.getAsLong();
        if (expired || now - loadedAt >= maxAgeMillis) {
            load(now);
        }
        return value;
    }

    /**
     * Re-reads the secret when the last read is old enough. Returns the fresh value when it was read, empty when
     * rate-limited; a failing store propagates its exception and the cached value stays (until its maximum age).
     */
    public synchronized Optional<T> refresh() {
        long now = clockMillis.getAsLong();
        if (!expired && now - attemptedAt < minRefreshMillis) {
            return Optional.empty();
        }
        load(now);
        return Optional.of(value);
    }

    /** The next use reads the secret again (after a SnapStart restore). */
    public synchronized void expire() {
        expired = true;
    }

    /**
     * Reads the secret if it is still expired (after a SnapStart restore, in the background, so the first request
     * does not wait for the store); does nothing when a use has already read it since. Returns whether it read. A failed
     * read propagates and leaves the cache expired: the next use reads again and fails the same way, so a value from
     * before the expiry is never served.
     */
    public synchronized boolean refreshIfExpired() {
        if (!expired) {
            return false;
        }
        load(clockMillis.getAsLong());
        return true;
    }

    private void load(long now) {
        // A failed attempt still counts for refresh()'s rate limit, but never makes the cached value younger.
        attemptedAt = now;
        value = source.get();
        loadedAt = now;
        expired = false;
    }
}
