package dev.shipgate.webhook;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.testing.Events;
import dev.shipgate.webhook.delivery.DeliveryService;
import dev.shipgate.webhook.delivery.Outcome;
import dev.shipgate.webhook.delivery.StartRetry;
import dev.shipgate.webhook.delivery.WebhookRequest;
import dev.shipgate.webhook.github.RefPatterns;
import dev.shipgate.webhook.http.HttpApiEvent;
import dev.shipgate.webhook.http.HttpApiResponse;
import dev.shipgate.shared.secret.SecretCache;
import dev.shipgate.webhook.signature.SignatureVerifier;
import dev.shipgate.webhook.signature.WebhookSecret;
import dev.shipgate.webhook.aws.CodePipelineStarter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * BENCHMARK, not a test: the warm handler path without the AWS calls (event parse, HMAC, payload
 * parse, decision, StartPipelineExecution request build, response and log serialization), for the
 * sample push and for a push carrying 2048 commits. Run it with Lambda's JIT flags:
 * <pre>
 * ./mvnw -q -pl functions/github-webhook test-compile exec:exec -Dexec.executable=$JAVA_HOME/bin/java -Dexec.classpathScope=test \
 *   -Dexec.args="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp %classpath dev.shipgate.webhook.WarmPathBenchmark"
 * </pre>
 */
public final class WarmPathBenchmark {

    private static final String SECRET = LocalAws.SAMPLE_SECRET;

    public static void main(String[] args) throws Exception {
        int warmup = 500;
        int measured = 3_000;
        String sample = Events.read("github-webhook", "push-main.json");
        report("push-main.json (" + sample.length() + " B event)", sample.getBytes(StandardCharsets.UTF_8), warmup, measured);
        String big = bigPushEvent(2_048);
        report("push with 2048 commits (" + big.length() / 1024 + " KiB event)", big.getBytes(StandardCharsets.UTF_8), 50, 300);
    }

    private static void report(String name, byte[] event, int warmup, int measured) throws Exception {
        DeliveryService service = new DeliveryService(
                new DeliveryService.Rules("octo-org/hello-shipgate", RefPatterns.parse("main"), RefPatterns.parse("v*"), "p", "Source"),
                new SecretCache<>(() -> WebhookSecret.of(SECRET), System::currentTimeMillis, 60_000, Long.MAX_VALUE),
                new WebhookPriming.InMemoryLedger(),
                new StartRetry((command, timeout) -> {
                    CodePipelineStarter.toRequest(command);
                    return "00000000-0000-0000-0000-000000000000";
                }, StartRetry.Policy.DEFAULT, System::currentTimeMillis, millis -> { }, c -> c),
                () -> 0L);
        JsonLog log = new JsonLog("github-webhook", new LambdaLogger() {
            @Override public void log(String message) { }
            @Override public void log(byte[] message) { }
        });
        long[] nanos = new long[measured];
        for (int i = 0; i < warmup + measured; i++) {
            long start = System.nanoTime();
            HttpApiEvent parsed = HttpApiEvent.read(new ByteArrayInputStream(event));
            Outcome outcome = service.handle(new WebhookRequest(parsed.headers(), parsed.body()), Long.MAX_VALUE / 2);
            HttpApiResponse.write(new ByteArrayOutputStream(), outcome.status(), outcome.body());
            log.info("delivery", Map.of("deliveryId", String.valueOf(outcome.deliveryId()), "decision", outcome.decision().label(),
                    "latencyMs", (System.nanoTime() - start) / 1_000_000));
            if (outcome.status() != 202) {
                throw new IllegalStateException("benchmark event answered " + outcome.status() + " " + outcome.body());
            }
            if (i >= warmup) {
                nanos[i - warmup] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-40s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms  (%d runs)%n", name,
                nanos[measured / 2] / 1e6, nanos[measured * 90 / 100] / 1e6, nanos[measured * 99 / 100] / 1e6, nanos[measured - 1] / 1e6, measured);
    }

    /** A signed push to main with {@code commits} commits, as API Gateway delivers it. */
    private static String bigPushEvent(int commits) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < commits; i++) {
            list.append(i == 0 ? "" : ",").append("""
                    {"id":"%040x","tree_id":"f9d2a07e9488b91af2641b26b9407fe22a451433","distinct":true,"message":"Commit %d\\n\\nWith a body that says a little more about it.",
                     "timestamp":"2026-11-27T22:00:00Z","url":"https://github.com/octo-org/hello-shipgate/commit/%040x",
                     "author":{"name":"Mona Lisa Octocat","email":"mona@example.com","username":"monalisa"},
                     "committer":{"name":"GitHub","email":"noreply@github.com","username":"web-flow"},
                     "added":["src/a%d.txt"],"removed":[],"modified":["README.md","src/main/App.java"]}""".formatted(i + 1, i, i + 1, i));
        }
        String sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
        String body = """
                {"ref":"refs/heads/main","before":"e3a7c7f1a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6","after":"%s","created":false,"deleted":false,"forced":false,
                 "compare":"https://github.com/octo-org/hello-shipgate/compare/e3a7c7f1a1c2...6dcb09b5b578","commits":[%s],
                 "head_commit":{"id":"%s","message":"Head","author":{"name":"Mona Lisa Octocat","username":"monalisa"}},
                 "repository":{"full_name":"octo-org/hello-shipgate"},"pusher":{"name":"monalisa"}}""".formatted(sha, list, sha);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return """
                {"version":"2.0","headers":{"content-type":"application/json","x-github-event":"push",
                 "x-github-delivery":"5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c99","x-hub-signature-256":"%s"},
                 "body":"%s","isBase64Encoded":true}""".formatted(SignatureVerifier.sign(SECRET, bytes), Base64.getEncoder().encodeToString(bytes));
    }
}
