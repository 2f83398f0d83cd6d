package dev.shipgate.local.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * {@code sam local start-api} for the webhook: {@code POST /webhook} on loopback becomes an HTTP API
 * v2 event for the github-webhook function (one warm instance), and its {@code statusCode},
 * headers and body go back to the caller.
 */
public final class StartApi implements AutoCloseable {

    public static final String ROUTE = "/webhook";

    private final HttpServer server;
    private final LocalFunction function;
    private final PrintStream out;
    private final Runnable afterInvoke;

    public StartApi(int port, LocalFunction function, PrintStream out, Runnable afterInvoke) {
        this.function = function;
        this.out = out;
        this.afterInvoke = afterInvoke;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
    }

    public StartApi start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (!ROUTE.equals(path) || !"POST".equals(exchange.getRequestMethod())) {
                // HTTP APIs answer unknown routes with 404 {"message":"Not Found"}
                send(exchange, new HttpApiEvents.Answer(404, java.util.Map.of("content-type", "application/json"),
                        "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8)));
                return;
            }
            byte[] event = HttpApiEvents.request("POST", ROUTE, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress())
                    .toString().getBytes(StandardCharsets.UTF_8);
            InvokeResult result;
            try {
                result = function.invoke(event);
            } catch (RuntimeException initFailed) {
                out.println("POST " + ROUTE + " -> 500: " + initFailed.getMessage());
                send(exchange, HttpApiEvents.answer("", true));
                return;
            }
            HttpApiEvents.Answer answer = HttpApiEvents.answer(result.payload(), result.error());
            out.println("POST " + ROUTE + " -> " + answer.status() + " " + answer.bodyText());
            out.println(result.reportLine());
            afterInvoke.run();
            send(exchange, answer);
        }
    }

    private static void send(HttpExchange exchange, HttpApiEvents.Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            exchange.getResponseBody().write(answer.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
