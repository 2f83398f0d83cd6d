package dev.shipgate.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Added to a real SDK client under test (its {@code overrideConfiguration}): counts the client's calls per operation
 * and can hold the next call before it is sent, until the test lets it go, so a test can make a request arrive while
 * a read is in flight. It can also send every call to another endpoint from some point on (a server that never
 * answers). The service's answers are the real ones (moto_server or a stand-in); nothing here answers for it.
 */
public final class HeldCalls implements ExecutionInterceptor {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicReference<Hold> next = new AtomicReference<>();
    private volatile URI redirect;

    /** How many calls of the operation (for example {@code GetSecretValue}) the client has made. */
    public int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    /** The next call waits before it is sent until {@link Hold#release}. */
    public Hold holdNext() {
        Hold hold = new Hold();
        next.set(hold);
        return hold;
    }

    /** From now on every call goes to this endpoint instead (a silent socket: the call ends at its timeout). */
    public void redirectTo(URI endpoint) {
        this.redirect = endpoint;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), name -> new AtomicInteger())
                .incrementAndGet();
        Hold hold = next.getAndSet(null);
        if (hold != null) {
            hold.arrived.countDown();
            Latches.await(hold.released);
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        URI to = redirect;
        return to == null ? context.httpRequest()
                : context.httpRequest().toBuilder().protocol(to.getScheme()).host(to.getHost()).port(to.getPort()).build();
    }

    /** One held call. */
    public static final class Hold {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Returns once the held call has arrived (and waits). */
        public void awaitArrival() {
            Latches.await(arrived);
        }

        public void release() {
            released.countDown();
        }
    }
}
