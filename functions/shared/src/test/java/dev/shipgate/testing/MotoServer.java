package dev.shipgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real {@code moto_server}, started once per test JVM on a free loopback port and stopped when
 * the JVM exits. Tests point real SDK clients at {@link #endpoint()}.
 */
public final class MotoServer {

    private static MotoServer instance;

    private final URI endpoint;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    private MotoServer(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    public static synchronized MotoServer shared() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Drops every resource moto holds, so each test starts from an empty account. */
    public void reset() {
        post("/moto-api/reset", "");
    }

    /**
     * Queues a full {@code DescribeImageScanFindings} response (moto's scan-finding-results API); moto
     * returns it verbatim for the matching repository and image.
     */
    public void queueEcrScanFindings(String responsesJsonArray) {
        post("/moto-api/static/ecr/scan-finding-results",
                "{\"results\":" + responsesJsonArray + ",\"region\":\"us-east-1\"}");
    }

    private void post(String path, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static MotoServer start() {
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto-server", ".log");
            Process process = new ProcessBuilder(motoCommand(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            awaitReady(endpoint, process, log);
            return new MotoServer(endpoint, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto_server (pip install -r requirements-dev.txt)", e);
        }
    }

    private static String motoCommand() {
        String override = System.getenv("MOTO_SERVER");
        return override == null || override.isBlank() ? "moto_server" : override;
    }

    private static void awaitReady(URI endpoint, Process process, Path log) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroy();
        throw new IllegalStateException("moto_server did not answer within 30 s: " + Files.readString(log));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
