package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import dev.shipgate.testing.BlockKitLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CloudWatch alarm of the stack notifying the notify topic, as SNS hands the notification to the slack-notifier:
 * the notifier runs as a restored SnapStart version in the real runtime client, remembers deliveries in its DynamoDB
 * table on moto through the real SDK, and posts to the local Slack stand-in. NotifyOn selects only failed executions,
 * which must not silence an alarm.
 */
class AlarmNotificationsTest {

    private static final String ALARM_NAME = "shipgate-demo-NotifierFailureQueueAlarm-1A2B3C4D5E6F";

    @Test
    void alarmThenRedeliveryThenRecovery_alarmPostedOnceWithConsoleLink_recoveryPosted_whateverNotifyOnSelects() throws IOException {
        try (ShipgateWorld world = new ShipgateWorld(RealPayloads.ROOT, RealPayloads.params(Map.of("NotifyOn", "FAILED")),
                Workspace.workDir(RealPayloads.ROOT), true, line -> { })) {
            byte[] alarm = world.snsEvent(notification("ALARM", "OK", "5b1d0c2e-7f3a-5e4b-9c8d-1a2b3c4d5e6f"));
            byte[] recovery = world.snsEvent(notification("OK", "ALARM", "7c2e1d3f-8a4b-5f6c-0d9e-2b3c4d5e6f70"));
            byte[] firstEvaluation = world.snsEvent(notification("OK", "INSUFFICIENT_DATA", "8d3f2e4a-9b5c-4a7d-8e0f-3c4d5e6f7a81"));

            InvokeResult posted = world.invoke(ShipgateWorld.NOTIFIER, alarm);
            InvokeResult redelivered = world.invoke(ShipgateWorld.NOTIFIER, alarm);
            InvokeResult recovered = world.invoke(ShipgateWorld.NOTIFIER, recovery);
            InvokeResult quiet = world.invoke(ShipgateWorld.NOTIFIER, firstEvaluation);

            assertThat(List.of(posted, redelivered, recovered, quiet)).noneMatch(InvokeResult::error);
            assertThat(summary(posted).path("sent").asInt()).as(posted.payload()).isEqualTo(1);
            assertThat(summary(redelivered).path("duplicates").asInt()).as(redelivered.payload()).isEqualTo(1);
            assertThat(summary(recovered).path("sent").asInt()).as(recovered.payload()).isEqualTo(1);
            assertThat(summary(quiet).path("filtered").asInt()).as(quiet.payload()).isEqualTo(1);
            List<JsonNode> messages = world.aws().slack().accepted();
            assertThat(messages).hasSize(2).allSatisfy(m -> assertThat(BlockKitLimits.check(m)).isNull());
            assertThat(messages.get(0).at("/blocks/0/text/text").asText()).isEqualTo("🔴 ALARM · " + ALARM_NAME);
            assertThat(messages.get(0).toString())
                    .contains("*Reason:* Threshold Crossed")
                    .contains("https://" + LocalFunction.REGION + ".console.aws.amazon.com/cloudwatch/home?region=" + LocalFunction.REGION
                            + "#alarmsV2:alarm/" + ALARM_NAME);
            assertThat(messages.get(1).at("/blocks/0/text/text").asText()).isEqualTo("🟢 OK · " + ALARM_NAME);
        }
    }

    /** The sample alarm notification (events/slack-notifier) in another state, under another SNS message id. */
    private static ObjectNode notification(String state, String previous, String messageId) throws IOException {
        JsonNode sample = RealPayloads.MAPPER.readTree(Files.readAllBytes(
                RealPayloads.ROOT.resolve("events/slack-notifier/sns-alarm-notifier-failure-queue.json")));
        JsonNode sns = sample.at("/Records/0/Sns");
        ObjectNode message = (ObjectNode) RealPayloads.MAPPER.readTree(sns.path("Message").asText());
        message.put("NewStateValue", state).put("OldStateValue", previous);
        return RealPayloads.MAPPER.createObjectNode().put("MessageId", messageId).put("Subject", sns.path("Subject").asText())
                .put("Message", message.toString()).put("Timestamp", sns.path("Timestamp").asText());
    }

    private static JsonNode summary(InvokeResult result) throws IOException {
        return RealPayloads.MAPPER.readTree(result.payload());
    }
}
