package dev.shipgate.local.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (version 2018-06-01) for ONE function instance, on loopback: the real runtime
 * interface client in the child JVM polls {@code invocation/next}, posts {@code response} or
 * {@code error}, reports {@code init/error}, and on the SnapStart path calls {@code restore/next}
 * (and {@code restore/error}). As on Lambda, {@code restore/next} answers only when the environment is
 * restored: here, when the harness calls {@link #releaseRestore} (until then the world may change, as it does
 * while a snapshot waits). Timestamps are taken here, on the monotonic clock, so durations
 * include the HTTP hops exactly as Lambda's own accounting does.
 *
 * <p>The JVM hosting this server must run with {@code -Dsun.net.httpserver.nodelay=true}: without
 * it, TCP delayed ACK adds about 40 ms to every warm invocation.
 */
public final class RuntimeApiServer implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Void> firstRequest = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreReleased = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile boolean closed;

    /** An event waiting for, or being processed by, the function. */
    public static final class Pending {
        final String requestId = UUID.randomUUID().toString();
        final byte[] event;
        final long deadlineEpochMillis;
        volatile long handedOverNanos;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

        Pending(byte[] event, long deadlineEpochMillis) {
            this.event = event;
            this.deadlineEpochMillis = deadlineEpochMillis;
        }

        public String requestId() {
            return requestId;
        }

        public CompletableFuture<Outcome> outcome() {
            return outcome;
        }

        public long handedOverNanos() {
            return handedOverNanos;
        }
    }

    /** What the function posted back: its response body, or an error document with the error type header. */
    public record Outcome(byte[] body, boolean error, String errorType, long receivedNanos) {
    }

    public RuntimeApiServer(String functionArn) {
        this.functionArn = functionArn;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // invocation/next blocks a thread until an event arrives, so the pool must not be bounded.
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(PREFIX, this::dispatch);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public Pending enqueue(byte[] event, long timeoutMillis) {
        Pending pending = new Pending(event, System.currentTimeMillis() + timeoutMillis);
        queue.add(pending);
        return pending;
    }

    /** Completes with the nanoTime of the runtime's first {@code invocation/next}: init is over. */
    /** Completes when the runtime makes its first call of any kind (its JNI client is loaded by then). */
    public CompletableFuture<Void> firstRequest() {
        return firstRequest;
    }

    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** Completes with the nanoTime of {@code restore/next}: the SnapStart checkpoint point. */
    public CompletableFuture<Long> restoreNext() {
        return restoreNext;
    }

    /** Lets the waiting {@code restore/next} answer: the restore begins. Returns the nanoTime of the release. */
    public long releaseRestore() {
        restoreReleased.complete(System.nanoTime());
        return restoreReleased.join();
    }

    /** Completes with the error document the runtime posted to {@code init/error} or {@code restore/error}. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        firstRequest.complete(null);
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("GET".equals(method) && "invocation/next".equals(path)) {
                next(exchange);
            } else if ("POST".equals(method) && path.startsWith("invocation/") && path.endsWith("/response")) {
                result(exchange, path.substring("invocation/".length(), path.length() - "/response".length()), body, false);
            } else if ("POST".equals(method) && path.startsWith("invocation/") && path.endsWith("/error")) {
                result(exchange, path.substring("invocation/".length(), path.length() - "/error".length()), body, true);
            } else if ("POST".equals(method) && ("init/error".equals(path) || "restore/error".equals(path))) {
                String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
                initError.complete(path + " " + (type == null ? "" : type + " ") + new String(body, StandardCharsets.UTF_8));
                status(exchange, 202, "{\"status\":\"OK\"}");
            } else if ("GET".equals(method) && "restore/next".equals(path)) {
                restoreNext.complete(System.nanoTime());
                awaitRelease();
                status(exchange, 200, "");
            } else {
                status(exchange, 404, "{\"errorType\":\"InvalidRequest\",\"errorMessage\":\"unknown runtime API path " + path + "\"}");
            }
        }
    }

    private void awaitRelease() {
        try {
            while (!closed) {
                try {
                    restoreReleased.get(200, TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.TimeoutException notYet) {
                    // the harness has not restored this copy yet
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(System.nanoTime());
        Pending pending = null;
        try {
            while (pending == null && !closed) {
                pending = queue.poll(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending == null) {
            return;
        }
        pending.handedOverNanos = System.nanoTime();
        inFlight.put(pending.requestId, pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(pending.deadlineEpochMillis));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + pending.requestId.replace("-", "").substring(0, 24) + ";Sampled=0");
        // The RIC's native client crashes (SIGSEGV in set_content_type) when this header is missing.
        headers.set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, pending.event.length == 0 ? -1 : pending.event.length);
        if (pending.event.length > 0) {
            exchange.getResponseBody().write(pending.event);
        }
    }

    private void result(HttpExchange exchange, String requestId, byte[] body, boolean error) throws IOException {
        long now = System.nanoTime();
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            status(exchange, 400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"unknown request id " + requestId + "\"}");
            return;
        }
        String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        status(exchange, 202, "{\"status\":\"OK\"}");
        pending.outcome.complete(new Outcome(body, error, errorType, now));
    }

    private static void status(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
