package dev.shipgate.local.api;

import dev.shipgate.local.Workspace;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.local.runtime.LocalFunction;
import dev.shipgate.local.template.SamTemplate;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** start-api with the real github-webhook function: a real signed HTTP request in, its answer out. */
class StartApiTest {

    @Test
    void post_signedPush_startsPipeline_andForgedSignature_gets401() throws Exception {
        Path root = Workspace.root();
        try (LocalAws aws = LocalAws.start()) {
            FunctionSpec spec = SamTemplate.read(root).spec("github-webhook", Workspace.params(root), Workspace.workDir(root));
            aws.seed(spec);
            try (LocalFunction function = new LocalFunction(spec.withEnvironment(aws.endpointVariables(spec)), line -> { });
                 StartApi api = new StartApi(0, function, new PrintStream(new ByteArrayOutputStream()), () -> { }).start()) {
                HttpClient http = HttpClient.newHttpClient();
                String sha = "0123456789abcdef0123456789abcdef01234567";
                String body = "{\"ref\":\"refs/heads/main\",\"before\":\"" + "f".repeat(40) + "\",\"after\":\"" + sha
                        + "\",\"deleted\":false,\"repository\":{\"full_name\":\"octo-org/hello-shipgate\",\"name\":\"hello-shipgate\","
                        + "\"owner\":{\"login\":\"octo-org\"}},\"head_commit\":{\"id\":\"" + sha + "\",\"message\":\"m\"},\"commits\":[]}";

                HttpResponse<String> signed = http.send(post(api, body, sign(LocalAws.WEBHOOK_SECRET, body)), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> forged = http.send(post(api, body, sign("wrong", body)), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> wrongRoute = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/other"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());

                assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
                assertThat(aws.codePipeline().accepted("StartPipelineExecution"))
                        .singleElement().satisfies(start -> assertThat(start.at("/sourceRevisions/0/revisionValue").asText()).isEqualTo(sha));
                assertThat(forged.statusCode()).isEqualTo(401);
                assertThat(wrongRoute.statusCode()).isEqualTo(404);
            }
        }
    }

    private static HttpRequest post(StartApi api, String body, String signature) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + StartApi.ROUTE))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

}
