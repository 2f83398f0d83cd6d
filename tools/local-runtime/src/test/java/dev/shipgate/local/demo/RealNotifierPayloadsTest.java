package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.testing.BlockKitLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published CodePipeline event, CodeStar notification and SNS record of the corpus, and the ECR and
 * Inspector events no rule of the stack routes to the notifier, through the slack-notifier in the real runtime
 * client: no function error on any of them; each CodePipeline state change, and each CloudWatch alarm notification
 * the notifier announces, posts exactly one Slack message that names its pipeline or alarm and its state and keeps
 * Block Kit's limits (NotifyOn=all, so the noise policy hides none); everything else posts nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealNotifierPayloadsTest {

    private static final Set<String> PIPELINE_DETAIL_TYPES = Set.of("CodePipeline Pipeline Execution State Change",
            "CodePipeline Stage Execution State Change", "CodePipeline Action Execution State Change");

    private ShipgateWorld world;
    private String stateTable;

    @BeforeAll
    void start() {
        world = new ShipgateWorld(RealPayloads.ROOT, RealPayloads.params(Map.of("NotifyOn", "all")),
                Workspace.workDir(RealPayloads.ROOT), true, line -> { });
        stateTable = world.function(ShipgateWorld.NOTIFIER).spec().environment().get("STATE_TABLE_NAME");
    }

    @AfterAll
    void stop() {
        world.close();
    }

    /** Several published samples share an event id; each file is judged on its own, not as a redelivery of another. */
    @BeforeEach
    void forgetDeliveries() {
        world.aws().dynamo().scanPaginator(b -> b.tableName(stateTable)).items().forEach(item ->
                world.aws().dynamo().deleteItem(b -> b.tableName(stateTable).key(Map.of("pipeline", item.get("pipeline")))));
    }

    static Stream<String> notifierFiles() {
        return RealPayloads.files("slack-notifier");
    }

    /** ECR and Inspector events: the stack routes none of them to a function; one that arrives anyway must do no harm. */
    static Stream<String> unroutedEvents() {
        return RealPayloads.files("scan-gate/ecr").filter(f -> RealPayloads.json(f).has("detail-type"));
    }

    @ParameterizedTest
    @MethodSource("notifierFiles")
    void invoke_publishedEvent_oneMessagePerPipelineStateChange(String file) throws IOException {
        byte[] event = delivery(file);

        assertPostsOneMessagePerStateChange(file, event);
    }

    @ParameterizedTest
    @MethodSource("unroutedEvents")
    void invoke_ecrOrInspectorEvent_skippedWithoutError(String file) throws IOException {
        assertPostsOneMessagePerStateChange(file, RealPayloads.bytes(file));
    }

    private void assertPostsOneMessagePerStateChange(String file, byte[] event) throws IOException {
        List<Expected> expected = expectedMessages(RealPayloads.MAPPER.readTree(event));
        int before = world.aws().slack().accepted().size();

        InvokeResult result = world.invoke(ShipgateWorld.NOTIFIER, event);

        assertThat(result.error()).as(file + ": " + result.payload()).isFalse();
        List<JsonNode> posted = world.aws().slack().accepted().subList(before, world.aws().slack().accepted().size());
        assertThat(posted).as(file).hasSize(expected.size());
        for (int i = 0; i < posted.size(); i++) {
            String message = posted.get(i).toString();
            assertThat(BlockKitLimits.check(posted.get(i))).as(file).isNull();
            assertThat(message).as(file).contains(expected.get(i).name());
            assertThat(message.toUpperCase(Locale.ROOT)).as(file).contains(expected.get(i).state());
        }
    }

    /** What one posted message must name: its pipeline or alarm, and its state. */
    record Expected(String name, String state) {
    }

    /**
     * The messages a delivery must post, in order: one per CodePipeline state change, and one per CloudWatch alarm
     * notification the notifier announces (into ALARM, or OK other than after INSUFFICIENT_DATA: docs/operations.md).
     */
    static List<Expected> expectedMessages(JsonNode delivery) throws IOException {
        List<Expected> expected = new ArrayList<>();
        for (JsonNode event : events(delivery)) {
            if (stateChange(event)) {
                expected.add(new Expected(event.path("detail").path("pipeline").asText(),
                        event.path("detail").path("state").asText().toUpperCase(Locale.ROOT)));
            } else if (event.path("AlarmName").isTextual()) {
                String state = event.path("NewStateValue").asText();
                if (state.equals("ALARM") || (state.equals("OK") && !event.path("OldStateValue").asText().equals("INSUFFICIENT_DATA"))) {
                    expected.add(new Expected(event.path("AlarmName").asText(), state));
                }
            }
        }
        return expected;
    }

    /**
     * How the file reaches the notifier: a processed (CodeStar) event, or a bare CloudWatch alarm notification, only
     * ever arrives as an SNS message.
     */
    private byte[] delivery(String file) {
        JsonNode event = RealPayloads.json(file);
        if ((event.has("detailType") || event.has("AlarmName")) && !event.has("Records")) {
            ObjectNode envelope = RealPayloads.MAPPER.createObjectNode()
                    .put("Message", RealPayloads.text(file))
                    .put("Timestamp", "2026-12-03T12:00:00.000Z");
            return world.snsEvent(envelope);
        }
        return RealPayloads.bytes(file);
    }

    /** The events a delivery carries: the event itself, or the JSON objects inside its SNS messages. */
    private static List<JsonNode> events(JsonNode delivery) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        if (delivery.path("Records").isArray()) {
            for (JsonNode record : delivery.path("Records")) {
                String message = record.path("Sns").path("Message").asText("");
                try {
                    events.add(RealPayloads.MAPPER.readTree(message.getBytes(StandardCharsets.UTF_8)));
                } catch (IOException notJson) {
                    // plain-text SNS messages carry no state change
                }
            }
        } else {
            events.add(delivery);
        }
        return events.stream().filter(e -> e != null && e.isObject()).toList();
    }

    private static boolean stateChange(JsonNode event) {
        String type = event.has("detail-type") ? event.path("detail-type").asText() : event.path("detailType").asText();
        JsonNode detail = event.path("detail");
        return PIPELINE_DETAIL_TYPES.contains(type) && detail.hasNonNull("pipeline") && detail.hasNonNull("execution-id")
                && detail.hasNonNull("state");
    }
}
