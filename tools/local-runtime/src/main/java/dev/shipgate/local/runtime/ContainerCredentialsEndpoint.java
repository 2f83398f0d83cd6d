package dev.shipgate.local.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local STAND-IN for the container credentials endpoint Lambda gives a SnapStart function: the function finds it
 * through {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and must send {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} in the
 * {@code Authorization} header. Like the real one it answers 401 without the header and 403 with a wrong one, and
 * hands out temporary credentials in the JSON the SDK's {@code ContainerCredentialsProvider} reads. Each
 * {@link #rotate} (the harness calls it at every restore) starts a new set of keys, as a restored copy gets on Lambda.
 * moto accepts any keys, so requests signed with the current set are what the tests look for at the stand-ins.
 */
public final class ContainerCredentialsEndpoint implements AutoCloseable {

    private static final String PATH = "/credentials";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String token = "local-" + hex(24);
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile Keys current = Keys.fresh();

    /** One set of temporary credentials. */
    public record Keys(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
        static Keys fresh() {
            return new Keys("ASIA" + hex(8).toUpperCase(java.util.Locale.ROOT), hex(20), "local-session-" + hex(16),
                    Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        }
    }

    public ContainerCredentialsEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "container-credentials");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(PATH, this::serve);
        server.start();
    }

    /** {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}: loopback, which the SDK accepts over plain HTTP. */
    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. */
    public String token() {
        return token;
    }

    /** The keys handed out now. */
    public Keys current() {
        return current;
    }

    /** A new set of keys from now on. */
    public void rotate() {
        current = Keys.fresh();
    }

    /** Requests that carried the right token and got credentials. */
    public int served() {
        return served.get();
    }

    /** Requests turned away for a missing or wrong token. */
    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || authorization.isBlank()) {
                refused.incrementAndGet();
                reply(exchange, 401, "{\"message\":\"Authorization header is missing\"}");
            } else if (!authorization.equals(token)) {
                refused.incrementAndGet();
                reply(exchange, 403, "{\"message\":\"Authorization token is not valid\"}");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "{\"message\":\"GET only\"}");
            } else {
                Keys keys = current;
                served.incrementAndGet();
                reply(exchange, 200, "{\"AccessKeyId\":\"" + keys.accessKeyId() + "\",\"SecretAccessKey\":\"" + keys.secretAccessKey()
                        + "\",\"Token\":\"" + keys.sessionToken() + "\",\"Expiration\":\"" + keys.expiration() + "\"}");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
