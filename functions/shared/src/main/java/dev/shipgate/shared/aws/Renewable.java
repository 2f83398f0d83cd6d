package dev.shipgate.shared.aws;

import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.function.Supplier;

/**
 * The one shape behind {@link LambdaCredentials} and {@link RenewableHttpClient}: a delegate built from its factory and
 * replaced by a new one on a SnapStart hook, so that nothing it held before the checkpoint (cached credentials, pooled
 * connections, TLS sessions) is used after the restore: the HTTP client is replaced at the checkpoint, the credentials
 * provider at the checkpoint and again after the restore. The replaced delegate is closed when it can be.
 */
final class Renewable<T> {

    private final Supplier<T> factory;
    private volatile T current;

    Renewable(Supplier<T> factory) {
        this.factory = factory;
        this.current = factory.get();
    }

    T current() {
        return current;
    }

    /** From now on a new delegate; the old one is closed. Returns the new one. */
    T renew() {
        T old = current;
        T renewed = factory.get();
        current = renewed;
        if (old instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
        return renewed;
    }
}
