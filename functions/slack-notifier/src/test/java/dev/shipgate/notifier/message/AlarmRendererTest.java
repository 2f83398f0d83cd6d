package dev.shipgate.notifier.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.notifier.event.AlarmNotification;
import dev.shipgate.notifier.event.AlarmNotification.AlarmTrigger;
import dev.shipgate.testing.BlockKitLimits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmRendererTest {

    private static final AlarmTrigger DLQ = new AlarmTrigger("AWS/SQS", "ApproximateNumberOfMessagesVisible",
            List.of("QueueName=shop-api-NotifierFailureQueue-1X2Y3Z"), null, "MAXIMUM", 300, 1, "GreaterThanOrEqualToThreshold", 1.0);

    private final AlarmRenderer renderer = new AlarmRenderer();

    private static AlarmNotification alarm(String state, String previous, String arn, AlarmTrigger trigger) {
        return new AlarmNotification("shop-api-NotifierFailureQueueAlarm-ABC123",
                "Notifier invocations that failed every retry are waiting in <NotifierFailureQueue> & Slack may miss messages",
                arn, "123456789012", "EU (London)", state, previous,
                "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (03/12/26 11:55:00)] was greater than or equal to the threshold (1.0)",
                Instant.parse("2026-12-03T12:00:01.640Z"), trigger, null, "m-1");
    }

    @Test
    void render_alarm_redWithReasonMetricConditionMentionAndConsoleLinkOfTheAlarmsRegion() {
        AlarmNotification a = alarm("ALARM", "OK", "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:shop-api-NotifierFailureQueueAlarm-ABC123", DLQ);

        JsonNode message = renderer.render(a, "shop-api", "us-east-1", "<!subteam^S0123ABCD>").toJson();
        String json = message.toString();

        assertThat(BlockKitLimits.check(message)).isNull();
        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("🔴 ALARM · shop-api-NotifierFailureQueueAlarm-ABC123");
        assertThat(message.path("text").asText()).startsWith("<!subteam^S0123ABCD> 🔴 ALARM shop-api-NotifierFailureQueueAlarm-ABC123 (project shop-api) — Threshold Crossed");
        assertThat(message.at("/blocks/1/text/text").asText())
                .startsWith("<!subteam^S0123ABCD> CloudWatch alarm `shop-api-NotifierFailureQueueAlarm-ABC123` of project *shop-api* is *in ALARM* (was OK).")
                .contains("waiting in &lt;NotifierFailureQueue&gt; &amp; Slack")
                .contains("<https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#alarmsV2:alarm/shop-api-NotifierFailureQueueAlarm-ABC123|Open the alarm in the CloudWatch console>");
        assertThat(message.at("/blocks/2/text/text").asText()).startsWith("*Reason:* Threshold Crossed: 1 out of the last 1 datapoints [3.0");
        assertThat(message.at("/blocks/3/fields/0/text").asText())
                .isEqualTo("*Metric*\n`AWS/SQS ApproximateNumberOfMessagesVisible`\nQueueName=shop-api-NotifierFailureQueue-1X2Y3Z");
        assertThat(message.at("/blocks/3/fields/1/text").asText()).isEqualTo("*Condition*\nMaximum ≥ 1 for 1 period of 5 min");
        assertThat(message.at("/blocks/4/elements/0/text").asText())
                .isEqualTo("shipgate · EU (London) · account 123456789012 · 2026-12-03T12:00:01Z");
        assertThat(json).doesNotContain("eu-west-1").doesNotContain("us-east-1");
    }

    @Test
    void render_recovery_greenWithoutMention() {
        JsonNode message = renderer.render(alarm("OK", "ALARM", null, DLQ), "shop-api", "us-east-1", "<!subteam^S0123ABCD>").toJson();

        assertThat(BlockKitLimits.check(message)).isNull();
        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("🟢 OK · shop-api-NotifierFailureQueueAlarm-ABC123");
        assertThat(message.at("/blocks/1/text/text").asText()).contains("is *back to OK* (was ALARM).");
        assertThat(message.toString()).doesNotContain("subteam");
    }

    @Test
    void render_noAlarmArn_linksToTheStacksRegion() {
        JsonNode message = renderer.render(alarm("ALARM", "OK", null, DLQ), "shop-api", "us-east-1", null).toJson();

        assertThat(message.toString()).contains("https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/");
    }

    @Test
    void render_metricMathAndComposite_showExpressionAndRule() {
        AlarmTrigger rate = new AlarmTrigger(null, null, List.of(), "IF(requests >= 10, 100 * errors / requests, 0)", null, 900, 1,
                "GreaterThanThreshold", 25.0);
        AlarmNotification math = alarm("ALARM", "OK", null, rate);
        AlarmNotification composite = new AlarmNotification("degraded", null, null, null, null, "ALARM", "OK", null, null, null,
                "ALARM(errors) OR ALARM(latency)", "m-2");

        String mathJson = renderer.render(math, "shop-api", "us-east-1", null).toJson().toString();
        JsonNode compositeMessage = renderer.render(composite, "shop-api", "us-east-1", null).toJson();

        assertThat(mathJson).contains("*Expression*\\n`IF(requests &gt;= 10, 100 * errors / requests, 0)`")
                .contains("*Condition*\\n&gt; 25 for 1 period of 15 min");
        assertThat(compositeMessage.toString()).contains("*Rule*\\n`ALARM(errors) OR ALARM(latency)`");
        assertThat(BlockKitLimits.check(compositeMessage)).isNull();
    }

    @Test
    void render_hugeReasonAndName_staysWithinBlockKitLimits() {
        AlarmNotification a = new AlarmNotification("n".repeat(255), "d".repeat(5000), null, null, null, "ALARM", null,
                "<r>".repeat(4000), null, DLQ, "x".repeat(9000), "m-3");

        JsonNode message = renderer.render(a, "shop-api", "us-east-1", null).toJson();

        assertThat(BlockKitLimits.check(message)).isNull();
        assertThat(message.path("text").asText().length()).isLessThanOrEqualTo(SlackMessage.FALLBACK_MAX);
    }

    @Test
    void numbersAndPeriods_readLikeTheConsole() {
        assertThat(AlarmRenderer.number(1.0)).isEqualTo("1");
        assertThat(AlarmRenderer.number(0.25)).isEqualTo("0.25");
        assertThat(AlarmRenderer.number(1500.0)).isEqualTo("1500");
        assertThat(AlarmRenderer.period(60)).isEqualTo("1 min");
        assertThat(AlarmRenderer.period(3600)).isEqualTo("1 h");
        assertThat(AlarmRenderer.period(10)).isEqualTo("10 s");
    }
}
