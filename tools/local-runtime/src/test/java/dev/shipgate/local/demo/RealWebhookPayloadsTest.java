package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.InvokeResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published GitHub webhook body of the corpus, delivered as GitHub would (signed with the stack's secret,
 * as JSON and form-encoded, inside an HTTP API payload 2.0 event), and every published HTTP API 2.0 event as it
 * is, through the github-webhook function in the real runtime client. The stack is configured for the
 * repository the octokit examples come from ({@code Codertocat/Hello-World}, branch {@code master}, every tag),
 * so the only reason a push starts nothing is what the push says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealWebhookPayloadsTest {

    private static final String REPOSITORY = "Codertocat/Hello-World";
    private static final String BRANCH_REF = "refs/heads/master";

    private ShipgateWorld world;

    @BeforeAll
    void start() {
        world = new ShipgateWorld(RealPayloads.ROOT, RealPayloads.params(Map.of("GitHubOwner", "Codertocat",
                "GitHubRepo", "Hello-World", "GitHubRepoBranch", "master", "GitHubTagPattern", "*")),
                Workspace.workDir(RealPayloads.ROOT), true, line -> { });
    }

    @AfterAll
    void stop() {
        world.close();
    }

    static Stream<Arguments> githubBodies() {
        return RealPayloads.files("github-webhook").filter(f -> !f.startsWith("github-webhook/http-api/"))
                .flatMap(f -> Stream.of(Arguments.of(f, "application/json"), Arguments.of(f, "application/x-www-form-urlencoded")));
    }

    static Stream<String> httpApiEvents() {
        return RealPayloads.files("github-webhook/http-api");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("githubBodies")
    void deliver_publishedBody_answersAsTheEventSays(String file, String contentType) {
        String event = eventName(file);
        JsonNode body = RealPayloads.json(file);
        int startsBefore = starts();

        InvokeResult result = world.invoke(ShipgateWorld.WEBHOOK, signedDelivery(event, RealPayloads.text(file), contentType));

        assertThat(result.error()).as(result.payload()).isFalse();
        JsonNode answer = status(result);
        switch (event) {
            case "ping" -> assertThat(answer.path("statusCode").asInt()).as(result.payload()).isEqualTo(200);
            case "push" -> {
                assertThat(answer.path("statusCode").asInt()).as(result.payload()).isEqualTo(202);
                if (startsThePipeline(body)) {
                    assertThat(starts()).as(result.payload()).isEqualTo(startsBefore + 1);
                    assertThat(world.aws().codePipeline().accepted("StartPipelineExecution").getLast()
                            .at("/sourceRevisions/0/revisionValue").asText()).isEqualTo(body.path("after").asText());
                    return;
                }
            }
            default -> assertThat(answer.path("statusCode").asInt()).as(result.payload()).isEqualTo(202);
        }
        assertThat(starts()).as("%s started the pipeline: %s", file, result.payload()).isEqualTo(startsBefore);
    }

    @ParameterizedTest
    @MethodSource("httpApiEvents")
    void invoke_publishedHttpApiEvent_refusedWithA4xx(String file) {
        int startsBefore = starts();

        InvokeResult result = world.invoke(ShipgateWorld.WEBHOOK, RealPayloads.bytes(file));

        assertThat(result.error()).as(result.payload()).isFalse();
        assertThat(status(result).path("statusCode").asInt()).as(result.payload()).isBetween(400, 499);
        assertThat(starts()).isEqualTo(startsBefore);
    }

    /** A push of the configured repository's branch, or of a tag, that creates or moves the ref. */
    private static boolean startsThePipeline(JsonNode push) {
        String ref = push.path("ref").asText();
        return REPOSITORY.equalsIgnoreCase(push.at("/repository/full_name").asText())
                && !push.path("deleted").asBoolean()
                && (ref.equals(BRANCH_REF) || ref.startsWith("refs/tags/"));
    }

    /** The X-GitHub-Event of a corpus body: the first word of its file name (push-…, ping-…, create-…, delete-…). */
    private static String eventName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.substring(0, name.indexOf('-'));
    }

    private byte[] signedDelivery(String event, String json, String contentType) {
        String body = contentType.equals("application/json") ? json
                : "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
        return world.webhookEvent(event, UUID.randomUUID().toString(), contentType, body, LocalAws.WEBHOOK_SECRET);
    }

    private int starts() {
        return world.aws().codePipeline().accepted("StartPipelineExecution").size();
    }

    private static JsonNode status(InvokeResult result) {
        try {
            return RealPayloads.MAPPER.readTree(result.payload());
        } catch (java.io.IOException e) {
            throw new AssertionError("the function answered something that is not JSON: " + result.payload(), e);
        }
    }
}
