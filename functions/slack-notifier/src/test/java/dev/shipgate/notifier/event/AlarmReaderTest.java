package dev.shipgate.notifier.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.notifier.event.AlarmNotification.AlarmTrigger;
import dev.shipgate.testing.Events;
import dev.shipgate.testing.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudWatch alarm notifications delivered by SNS, read from the published samples in events/real/slack-notifier. */
class AlarmReaderTest {

    private final EventReader reader = new EventReader();

    private List<Incoming> readReal(String file) throws Exception {
        return reader.read(Json.MAPPER.readTree(Files.readString(Events.root().resolve("events/real/slack-notifier/" + file))));
    }

    /** One SNS record whose message is {@code message}, as SNS hands it to Lambda. */
    private List<Incoming> readMessage(String message) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.putArray("Records").addObject().put("EventSource", "aws:sns").putObject("Sns")
                .put("MessageId", "0a1b2c3d-0000-4000-8000-000000000001").put("Timestamp", "2026-12-03T12:00:00.000Z")
                .put("Message", message);
        return reader.read(event);
    }

    @Test
    void read_singleMetricAlarm_takesStatesReasonTimeAndTrigger() throws Exception {
        AlarmNotification a = (AlarmNotification) readReal("aws-lambda-go/cloudwatch-alarm-sns-payload-single-metric.json").get(0);

        assertThat(a.name()).isEqualTo("EXAMPLE");
        assertThat(a.state()).isEqualTo("ALARM");
        assertThat(a.previousState()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(a.reason()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints [1234.0");
        assertThat(a.changedAt()).as("CloudWatch's +0000 offset").isEqualTo(Instant.parse("2015-06-03T17:43:27.123Z"));
        assertThat(a.accountId()).isEqualTo("123456789012");
        assertThat(a.deliveryId()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
        assertThat(a.regionFromArn()).as("the sample's ARN says REGION").isNull();
        assertThat(a.trigger()).isEqualTo(new AlarmTrigger("AWS/EC2", "NetworkOut", List.of("InstanceId=TestInstance"), null,
                "AVERAGE", 60, 1, "GreaterThanThreshold", 0.0));
        assertThat(a.rule()).isNull();
    }

    @Test
    void read_metricMathAlarm_takesTheExpressionThatReturnsData() throws Exception {
        AlarmNotification a = (AlarmNotification) readReal("aws-lambda-go/cloudwatch-alarm-sns-payload-multiple-metrics.json").get(0);

        assertThat(a.trigger().expression()).isEqualTo("m1*1");
        assertThat(a.trigger().metric()).isNull();
        assertThat(a.trigger().threshold()).isEqualTo(0.0);
        assertThat(a.trigger().comparison()).isEqualTo("GreaterThanThreshold");
    }

    @Test
    void read_okAfterAlarm_withNullUnitAndNoDimensions() throws Exception {
        AlarmNotification a = (AlarmNotification) readReal("terraform-aws-notify-slack/sns-cloudwatch-alarm-ok.json").get(0);

        assertThat(a.state()).isEqualTo("OK");
        assertThat(a.previousState()).isEqualTo("ALARM");
        assertThat(a.description()).isEqualTo("App is reporting \"A JPA error occurred(Unable to build EntityManagerFactory)\"");
        assertThat(a.regionName()).isEqualTo("US (Virginia)");
        assertThat(a.trigger().namespace()).isEqualTo("LogMetrics");
        assertThat(a.trigger().dimensions()).isEmpty();
        assertThat(a.trigger().statistic()).isEqualTo("SUM");
    }

    @Test
    void read_messageWithoutTrigger_stillAnAlarm() throws Exception {
        AlarmNotification a = (AlarmNotification) readMessage(Files.readString(Events.root()
                .resolve("events/real/slack-notifier/terraform-aws-notify-slack/cloudwatch-alarm-message.json"))).get(0);

        assertThat(a.name()).isEqualTo("Example");
        assertThat(a.previousState()).isEqualTo("OK");
        assertThat(a.trigger()).isNull();
        assertThat(a.deliveryId()).isEqualTo("0a1b2c3d-0000-4000-8000-000000000001");
    }

    @Test
    void read_compositeAlarm_takesRuleAndRegionFromArn() {
        AlarmNotification a = (AlarmNotification) readMessage("""
                {"AlarmName":"shop-api-degraded","AlarmDescription":null,"AWSAccountId":"123456789012","NewStateValue":"ALARM",
                 "NewStateReason":"arn:aws:cloudwatch:eu-west-2:123456789012:alarm:errors transitioned to ALARM",
                 "StateChangeTime":"2026-12-03T11:59:58.640+0000","Region":"EU (London)",
                 "AlarmArn":"arn:aws:cloudwatch:eu-west-2:123456789012:alarm:shop-api-degraded","OldStateValue":"OK",
                 "AlarmRule":"ALARM(errors) OR ALARM(latency)",
                 "TriggeringChildren":[{"Arn":"arn:aws:cloudwatch:eu-west-2:123456789012:alarm:errors","State":{"Value":"ALARM"}}]}
                """).get(0);

        assertThat(a.rule()).isEqualTo("ALARM(errors) OR ALARM(latency)");
        assertThat(a.trigger()).isNull();
        assertThat(a.description()).isNull();
        assertThat(a.regionFromArn()).isEqualTo("eu-west-2");
    }

    @Test
    void read_unknownStateOrNoName_skippedNamingOnlyTheType() {
        Incoming unknownState = readMessage("{\"AlarmName\":\"x\",\"NewStateValue\":\"ON_FIRE\",\"NewStateReason\":\"secret-ish\"}").get(0);
        Incoming blankName = readMessage("{\"AlarmName\":\" \",\"NewStateValue\":\"ALARM\"}").get(0);
        Incoming nameNotText = readMessage("{\"AlarmName\":{\"a\":1},\"NewStateValue\":\"ALARM\"}").get(0);

        assertThat(unknownState).isEqualTo(new Incoming.Unrecognized("cloudwatch-alarm",
                "alarm name missing, or state not one of [ALARM, OK, INSUFFICIENT_DATA]"));
        assertThat(blankName).isInstanceOf(Incoming.Unrecognized.class);
        assertThat(nameNotText).isInstanceOf(Incoming.Unrecognized.class);
        assertThat(unknownState.toString()).doesNotContain("secret-ish");
    }

    @Test
    void read_unparseableStateChangeTime_fallsBackToTheSnsTimestamp() {
        AlarmNotification a = (AlarmNotification) readMessage(
                "{\"AlarmName\":\"x\",\"NewStateValue\":\"ALARM\",\"StateChangeTime\":\"yesterday\",\"Trigger\":{\"Threshold\":\"1\"}}").get(0);

        assertThat(a.changedAt()).isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
        assertThat(a.trigger().threshold()).as("a threshold that is not a number").isNull();
    }
}
