package dev.shipgate.gate.aws;

import com.sun.net.httpserver.HttpExchange;
import dev.shipgate.testing.LocalHttpServer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that records every request (method, path, Authorization header) and answers with fixed
 * bytes (binary-safe, so it can serve an artifact zip).
 */
public final class RecordingServer extends LocalHttpServer {

    public record Request(String method, String path, String authorization) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Reply reply;

    RecordingServer(int status, String contentType, byte[] body) {
        this.reply = new Reply(status, contentType, body, Map.of());
        start();
    }

    public static RecordingServer notFound() {
        return new RecordingServer(404, "application/xml",
                "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>".getBytes(StandardCharsets.UTF_8));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    protected Reply handle(HttpExchange exchange, byte[] body) {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization")));
        return reply;
    }
}
