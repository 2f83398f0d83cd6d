package dev.shipgate.notifier.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.notifier.event.AlarmNotification.AlarmTrigger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import static dev.shipgate.notifier.event.EventReader.text;

/**
 * Reads the JSON CloudWatch publishes to an SNS topic when an alarm changes state ({@code AlarmName},
 * {@code NewStateValue}, {@code OldStateValue}, {@code NewStateReason}, {@code StateChangeTime}, {@code Trigger} for a
 * metric alarm, {@code AlarmRule} for a composite one).
 */
final class AlarmReader {

    static final String TYPE = "cloudwatch-alarm";
    /** CloudWatch writes {@code 2019-02-12T15:45:24.006+0000}: an offset without a colon, which ISO parsing refuses. */
    private static final DateTimeFormatter STATE_CHANGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private AlarmReader() {
    }

    /** Whether an SNS message body is a CloudWatch alarm notification. */
    static boolean isAlarm(JsonNode body) {
        return body.path("AlarmName").isTextual() && body.has("NewStateValue");
    }

    static Incoming read(JsonNode body, String messageId, Instant published) {
        String name = text(body, "AlarmName");
        String state = text(body, "NewStateValue");
        if (name == null || state == null || !AlarmNotification.STATES.contains(state)) {
            return new Incoming.Unrecognized(TYPE, "alarm name missing, or state not one of " + AlarmNotification.STATES);
        }
        Instant changedAt = changeTime(text(body, "StateChangeTime"));
        return new AlarmNotification(name, text(body, "AlarmDescription"), text(body, "AlarmArn"), text(body, "AWSAccountId"),
                text(body, "Region"), state, text(body, "OldStateValue"), text(body, "NewStateReason"),
                changedAt != null ? changedAt : published, trigger(body.path("Trigger")), text(body, "AlarmRule"), messageId);
    }

    private static AlarmTrigger trigger(JsonNode trigger) {
        if (!trigger.isObject()) {
            return null;
        }
        String namespace = text(trigger, "Namespace");
        String metric = text(trigger, "MetricName");
        JsonNode dimensions = trigger.path("Dimensions");
        String statistic = firstNonNull(text(trigger, "Statistic"), text(trigger, "ExtendedStatistic"));
        String expression = null;
        // A metric-math alarm lists its queries; the one returning data is what the threshold applies to.
        for (JsonNode query : trigger.path("Metrics")) {
            if (!query.path("ReturnData").asBoolean(false)) {
                continue;
            }
            JsonNode stat = query.path("MetricStat");
            expression = text(query, "Expression");
            if (expression == null && stat.isObject()) {
                namespace = text(stat.path("Metric"), "Namespace");
                metric = text(stat.path("Metric"), "MetricName");
                dimensions = stat.path("Metric").path("Dimensions");
                statistic = text(stat, "Stat");
            }
            break;
        }
        return new AlarmTrigger(namespace, metric, dimensions(dimensions), expression, statistic, integer(trigger.path("Period")),
                integer(trigger.path("EvaluationPeriods")), text(trigger, "ComparisonOperator"),
                trigger.path("Threshold").isNumber() ? trigger.path("Threshold").asDouble() : null);
    }

    /** Alarm messages spell dimension keys in lower case ({@code name}, {@code value}); the API spells them capitalized. */
    private static List<String> dimensions(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : array) {
            String name = firstNonNull(text(d, "name"), text(d, "Name"));
            String value = firstNonNull(text(d, "value"), text(d, "Value"));
            if (name != null && value != null) {
                out.add(name + "=" + value);
            }
        }
        return out;
    }

    private static Integer integer(JsonNode node) {
        return node.isNumber() ? node.asInt() : null;
    }

    private static Instant changeTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, STATE_CHANGE_TIME).toInstant();
        } catch (DateTimeParseException notCloudWatchsFormat) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
