package dev.shipgate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/** A loopback HTTP server on a free port; the base of the local stand-ins. */
public abstract class LocalHttpServer implements AutoCloseable {

    private final HttpServer server;

    protected LocalHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, getClass().getSimpleName());
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::dispatch);
    }

    /** Starts serving; returns this for chaining. */
    @SuppressWarnings("unchecked")
    public <T extends LocalHttpServer> T start() {
        server.start();
        return (T) this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    protected abstract Reply handle(HttpExchange exchange, byte[] body) throws IOException;

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Reply reply;
            try {
                reply = handle(exchange, body);
            } catch (RuntimeException e) {
                reply = new Reply(500, "text/plain", "stand-in failure: " + e, Map.of());
            }
            byte[] bytes = reply.body();
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    /** One HTTP answer; the body is bytes so a stand-in can serve binary content (an artifact zip). */
    public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

        public Reply(int status, String contentType, String body, Map<String, String> headers) {
            this(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
