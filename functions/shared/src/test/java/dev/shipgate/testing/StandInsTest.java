package dev.shipgate.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.CodePipelineException;
import software.amazon.awssdk.services.codepipeline.model.FailureType;
import software.amazon.awssdk.services.codepipeline.model.InvalidJobStateException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.SourceRevisionType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local servers behave as the services they stand for, driven by the real SDK clients. */
class StandInsTest {

    private static final String JOB = "11111111-2222-3333-4444-555555555555";

    private final CodePipelineStandIn codePipeline = new CodePipelineStandIn().withPipeline("demo").start();
    private final CodePipelineClient client = TestClients.local(CodePipelineClient.builder()
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)), codePipeline.endpoint());

    @AfterEach
    void stop() {
        codePipeline.close();
    }

    @Test
    void startPipelineExecution_sameToken_sameExecution() {
        String first = client.startPipelineExecution(r -> r.name("demo").clientRequestToken("delivery-1")
                .sourceRevisions(s -> s.actionName("Source").revisionType(SourceRevisionType.COMMIT_ID).revisionValue("abc"))).pipelineExecutionId();
        String again = client.startPipelineExecution(r -> r.name("demo").clientRequestToken("delivery-1")).pipelineExecutionId();
        String other = client.startPipelineExecution(r -> r.name("demo").clientRequestToken("delivery-2")).pipelineExecutionId();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(codePipeline.accepted("StartPipelineExecution").get(0).path("sourceRevisions").get(0).path("revisionValue").asText()).isEqualTo("abc");
    }

    @Test
    void startPipelineExecution_unknownPipelineOrBadToken_rejectedLikeAws() {
        assertThatThrownBy(() -> client.startPipelineExecution(r -> r.name("missing"))).isInstanceOf(PipelineNotFoundException.class);
        assertThatThrownBy(() -> client.startPipelineExecution(r -> r.name("demo").clientRequestToken("has spaces")))
                .isInstanceOf(CodePipelineException.class).hasMessageContaining("clientRequestToken");
        assertThatThrownBy(() -> client.startPipelineExecution(r -> r.name("demo").variables(v -> v.name("bad name").value("x"))))
                .hasMessageContaining("variable name");
    }

    @Test
    void jobResult_secondResultForSameJob_invalidJobState() {
        client.putJobFailureResult(r -> r.jobId(JOB).failureDetails(f -> f.type(FailureType.JOB_FAILED).message("blocked")));

        assertThatThrownBy(() -> client.putJobSuccessResult(r -> r.jobId(JOB))).isInstanceOf(InvalidJobStateException.class);
        assertThat(codePipeline.jobResults(JOB)).hasSize(1);
    }

    @Test
    void injectedThrottling_isRetriedBySdkThenSucceeds() {
        codePipeline.failNext("StartPipelineExecution", 1, 400, "ThrottlingException");

        String id = client.startPipelineExecution(r -> r.name("demo")).pipelineExecutionId();

        assertThat(id).isNotBlank();
        assertThat(codePipeline.calls("StartPipelineExecution")).extracting(CodePipelineStandIn.Call::errorType)
                .containsExactly("ThrottlingException", null);
    }

    @Test
    void motoServer_servesSecretsManagerToTheRealClient() {
        MotoServer moto = MotoServer.shared();
        try (SecretsManagerClient secrets = TestClients.local(SecretsManagerClient.builder(), moto.endpoint())) {
            String arn = secrets.createSecret(r -> r.name("standins-test-" + System.nanoTime()).secretString("s3cr3t")).arn();

            assertThat(secrets.getSecretValue(r -> r.secretId(arn)).secretString()).isEqualTo("s3cr3t");
        }
    }

    @Test
    void slackReceiver_acceptsValidMessagesAndRefusesWhatSlackRefuses() throws Exception {
        try (SlackReceiver slack = new SlackReceiver().start()) {
            HttpClient http = HttpClient.newHttpClient();
            slack.answerNext(429, "rate_limited", Map.of("Retry-After", "1"));

            HttpResponse<String> limited = post(http, slack.webhookUrl(), "{\"text\":\"hi\"}");
            HttpResponse<String> ok = post(http, slack.webhookUrl(), "{\"text\":\"hi\"}");
            HttpResponse<String> noText = post(http, slack.webhookUrl(), "{}");
            HttpResponse<String> notJson = post(http, slack.webhookUrl(), "{");
            String tooManyBlocks = new ObjectMapper().createObjectNode().put("text", "x")
                    .set("blocks", new ObjectMapper().valueToTree(java.util.Collections.nCopies(51, Map.of("type", "divider")))).toString();
            HttpResponse<String> invalidBlocks = post(http, slack.webhookUrl(), tooManyBlocks);

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).contains("1");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("ok");
            assertThat(noText.body()).isEqualTo("no_text");
            assertThat(notJson.body()).isEqualTo("invalid_payload");
            assertThat(invalidBlocks.body()).isEqualTo("invalid_blocks");
            assertThat(slack.accepted()).hasSize(1);
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
