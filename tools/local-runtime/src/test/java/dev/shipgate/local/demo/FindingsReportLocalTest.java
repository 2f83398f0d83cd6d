package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.SlackReceiver;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings report on the production path: the gate, restored from its SnapStart snapshot in the real runtime
 * client with credentials only from the container endpoint, writes the job's HTML and SARIF report to the artifact
 * bucket (moto_server's S3, real SDK) under the execution id; its verdict event carries the link, and the notifier's
 * Slack message shows it as "Full report".
 */
class FindingsReportLocalTest {

    @Test
    void gateFail_writesTheReportUnderTheExecution_andTheVerdictAndSlackLinkIt() throws Exception {
        try (ShipgateWorld world = new ShipgateWorld(Workspace.root(), Workspace.params(Workspace.root()),
                Workspace.workDir(Workspace.root()), true, line -> { })) {
            String bucket = world.artifactBucket();
            String executionId = UUID.randomUUID().toString();
            String jobId = UUID.randomUUID().toString();
            String digest = world.pushScannedImage("report-" + jobId.substring(0, 8), List.of(
                    new Images.Vulnerability("CVE-2023-0286", "CRITICAL", "openssl", "3.0.2-0ubuntu1.7", "7.4"),
                    new Images.Vulnerability("CVE-2023-4016", "MEDIUM", "procps", "2:3.3.17-6ubuntu2", "5.5")));
            String source = world.uploadSourceArtifact(executionId, Map.of("Dockerfile", "FROM ubuntu:22.04\n"));

            InvokeResult gate = world.invoke(ShipgateWorld.GATE, world.gateJob(jobId, executionId, source, digest, "9fceb02d0ae598e95dc970b74767f19372d61af8"));

            assertThat(gate.error()).as(gate.payload()).isFalse();
            String key = "shipgate-reports/" + world.pipelineName() + "/" + executionId + "/" + jobId;
            ResponseBytes<GetObjectResponse> html = world.aws().s3().getObjectAsBytes(b -> b.bucket(bucket).key(key + ".html"));
            assertThat(html.response().contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(html.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(html.asString(StandardCharsets.UTF_8)).contains("<tr class=\"BLOCKING\"").contains("CVE-2023-0286")
                    .contains("CVE-2023-4016").contains(digest);
            ResponseBytes<GetObjectResponse> sarif = world.aws().s3().getObjectAsBytes(b -> b.bucket(bucket).key(key + ".sarif.json"));
            assertThat(sarif.asString(StandardCharsets.UTF_8)).contains("\"version\":\"2.1.0\"").contains("\"ruleId\":\"CVE-2023-0286\"");

            String link = "https://us-east-1.console.aws.amazon.com/s3/object/" + bucket + "?region=us-east-1&bucketType=general&prefix="
                    + key + ".html";
            List<CodePipelineStandIn.Call> results = world.aws().codePipeline().jobResults(jobId);
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.operation()).isEqualTo("PutJobFailureResult");
                assertThat(result.request().at("/failureDetails/message").asText()).endsWith("\nFull report: " + link);
            });
            List<JsonNode> verdicts = world.drainVerdicts();
            assertThat(verdicts).hasSize(1);
            JsonNode verdict = RealPayloads.MAPPER.readTree(verdicts.getFirst().path("Message").asText());
            assertThat(verdict.path("verdict").asText()).isEqualTo("FAIL");
            assertThat(verdict.path("reportUrl").asText()).isEqualTo(link);
            assertThat(verdict.path("sarifUrl").asText()).endsWith(key + ".sarif.json");

            InvokeResult notifier = world.invoke(ShipgateWorld.NOTIFIER, world.snsEvent(verdicts.getFirst()));

            assertThat(notifier.error()).as(notifier.payload()).isFalse();
            List<SlackReceiver.Delivery> posted = world.aws().slack().deliveries();
            assertThat(posted).last().satisfies(message -> {
                assertThat(message.accepted()).isTrue();
                assertThat(message.message().toString()).contains("<" + link + "|Full report>");
            });
        }
    }
}
