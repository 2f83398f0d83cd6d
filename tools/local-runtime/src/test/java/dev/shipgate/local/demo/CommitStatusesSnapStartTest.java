package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import dev.shipgate.testing.GitHubStandIn;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commit statuses on the production path: the slack-notifier restored from its snapshot in the real runtime client,
 * its GitHub token from the local Secrets Manager, statuses to the GitHub stand-in.
 */
class CommitStatusesSnapStartTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COMMIT = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String MESSAGE = "Fix the login redirect";

    @Test
    void oneExecutionsEvents_pendingThenFailureOnThePipeline_failureOnTheGate_tokenInNoLog() throws IOException {
        List<String> logs = Collections.synchronizedList(new ArrayList<>());
        try (ShipgateWorld world = world(logs)) {
            String execution = UUID.randomUUID().toString();
            world.registerExecution(execution, "Failed", COMMIT, MESSAGE);
            List<byte[]> events = List.of(
                    world.pipelineEvent(Workspace.root(), "pipeline-started.json", execution, COMMIT, MESSAGE),
                    world.pipelineEvent(Workspace.root(), "stage-started.json", execution, COMMIT, MESSAGE),
                    world.pipelineEvent(Workspace.root(), "action-failed-codebuild.json", execution, COMMIT, MESSAGE),
                    gateVerdict(world, "sns-gate-verdict-fail.json", execution),
                    world.pipelineEvent(Workspace.root(), "pipeline-failed.json", execution, COMMIT, MESSAGE));

            for (byte[] event : events) {
                InvokeResult result = world.invoke(ShipgateWorld.NOTIFIER, event);
                assertThat(result.error()).as(result.payload()).isFalse();
            }

            GitHubStandIn github = world.aws().github();
            assertThat(github.states(COMMIT, "shipgate/pipeline")).containsExactly("pending", "failure");
            assertThat(github.states(COMMIT, "shipgate/security-gate")).containsExactly("failure");
            assertThat(github.calls()).allMatch(GitHubStandIn.Call::created);
            assertThat(String.join("\n", logs)).contains("github-status-set").doesNotContain(LocalAws.GITHUB_STATUS_TOKEN)
                    .doesNotContain("github_pat_");
        }
    }

    @Test
    void tokenRotatedBetweenCheckpointAndRestore_theNewTokenIsUsed() throws IOException {
        String rotated = LocalAws.GITHUB_STATUS_TOKEN.replace("statustoken", "rotatedtoken");
        try (ShipgateWorld world = world(line -> { })) {
            LocalFunction notifier = world.function(ShipgateWorld.NOTIFIER);
            notifier.checkpoint();
            String arn = notifier.spec().environment().get("GITHUB_STATUS_TOKEN_SECRET_ARN");
            world.aws().secrets().putSecretValue(b -> b.secretId(arn).secretString(rotated));
            world.aws().github().rotateToken(rotated);
            notifier.restore();
            String execution = UUID.randomUUID().toString();
            world.registerExecution(execution, "InProgress", COMMIT, MESSAGE);

            InvokeResult result = world.invoke(ShipgateWorld.NOTIFIER,
                    world.pipelineEvent(Workspace.root(), "pipeline-started.json", execution, COMMIT, MESSAGE));

            assertThat(result.error()).as(result.payload()).isFalse();
            assertThat(world.aws().github().calls()).extracting(GitHubStandIn.Call::status).containsExactly(201);
        }
    }

    private static ShipgateWorld world(List<String> logs) {
        return world(logs::add);
    }

    private static ShipgateWorld world(java.util.function.Consumer<String> logs) {
        return new ShipgateWorld(Workspace.root(), Workspace.params(Workspace.root()), Workspace.workDir(Workspace.root()), true, logs);
    }

    /** The sample verdict re-aimed at this run's pipeline and execution, as SNS delivers it to the notifier. */
    private static byte[] gateVerdict(ShipgateWorld world, String sample, String execution) throws IOException {
        JsonNode sns = MAPPER.readTree(Files.readString(Path.of(Workspace.root().toString(), "events/slack-notifier", sample)))
                .path("Records").get(0).path("Sns");
        ObjectNode verdict = (ObjectNode) MAPPER.readTree(sns.path("Message").asText());
        verdict.put("pipelineName", world.pipelineName()).put("pipelineExecutionId", execution);
        ObjectNode envelope = MAPPER.createObjectNode().put("MessageId", UUID.randomUUID().toString())
                .put("Message", verdict.toString()).put("Timestamp", sns.path("Timestamp").asText());
        return world.snsEvent(envelope);
    }
}
