package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each alarm in template.yaml watches the metric it says, with its threshold, and notifies the notify topic
 * (Slack through the notifier, and the Email subscription), whose key lets CloudWatch publish.
 */
class AlarmsTest {

    private static final JsonNode TEMPLATE = Templates.sam();

    /** Alarms on one AWS metric: logical id, namespace, metric, dimension name, the resource it points at, statistic, threshold. */
    static Stream<Arguments> singleMetricAlarms() {
        return Stream.of(
                Arguments.of("PipelineEventsDeadLetterQueueAlarm", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "PipelineEventsDeadLetterQueue", "Maximum", 1),
                Arguments.of("NotifierFailureQueueAlarm", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "NotifierFailureQueue", "Maximum", 1),
                Arguments.of("WebhookFunctionErrorsAlarm", "AWS/Lambda", "Errors", "FunctionName", "WebhookFunction", "Sum", 1),
                Arguments.of("ScanGateFunctionErrorsAlarm", "AWS/Lambda", "Errors", "FunctionName", "ScanGateFunction", "Sum", 1),
                Arguments.of("NotifierFunctionErrorsAlarm", "AWS/Lambda", "Errors", "FunctionName", "NotifierFunction", "Sum", 1),
                Arguments.of("WebhookFunctionThrottlesAlarm", "AWS/Lambda", "Throttles", "FunctionName", "WebhookFunction", "Sum", 1),
                Arguments.of("ScanGateFunctionThrottlesAlarm", "AWS/Lambda", "Throttles", "FunctionName", "ScanGateFunction", "Sum", 1),
                Arguments.of("NotifierFunctionThrottlesAlarm", "AWS/Lambda", "Throttles", "FunctionName", "NotifierFunction", "Sum", 1));
    }

    @ParameterizedTest
    @MethodSource("singleMetricAlarms")
    void alarm_watchesItsMetric_atOneOrMore_andNotifiesTheTopic(String id, String namespace, String metric, String dimension,
                                                                 String resource, String statistic, int threshold) {
        JsonNode alarm = alarm(id);

        assertThat(alarm.path("Namespace").asText()).isEqualTo(namespace);
        assertThat(alarm.path("MetricName").asText()).isEqualTo(metric);
        assertThat(alarm.path("Dimensions")).singleElement().satisfies(d -> {
            assertThat(d.path("Name").asText()).isEqualTo(dimension);
            assertThat(Cfn.target(d.path("Value"))).contains(resource);
        });
        assertThat(alarm.path("Statistic").asText()).isEqualTo(statistic);
        assertThat(alarm.path("Threshold").asInt()).isEqualTo(threshold);
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertNotifiesTheTopic(alarm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4xx", "5xx"})
    void webhookRateAlarm_dividesThatStatusByAllRequestsOfTheWebhookApi(String status) {
        JsonNode alarm = alarm("WebhookApi" + status + "RateAlarm");
        Map<String, JsonNode> queries = queries(alarm);

        assertThat(queries.get("errors").at("/MetricStat/Metric/MetricName").asText()).isEqualTo(status);
        assertThat(queries.get("requests").at("/MetricStat/Metric/MetricName").asText()).isEqualTo("Count");
        for (String metric : List.of("errors", "requests")) {
            assertThat(queries.get(metric).at("/MetricStat/Metric/Namespace").asText()).isEqualTo("AWS/ApiGateway");
            assertThat(Cfn.target(queries.get(metric).at("/MetricStat/Metric/Dimensions/0/Value"))).contains("WebhookApi");
            assertThat(queries.get(metric).at("/MetricStat/Metric/Dimensions/0/Name").asText()).isEqualTo("ApiId");
        }
        assertThat(queries.get("rate").path("Expression").asText()).matches("IF\\(requests >= \\d+, 100 \\* errors / requests, 0\\)");
        assertThat(queries.get("rate").path("ReturnData").asBoolean()).isTrue();
        assertThat(alarm.path("Threshold").asInt()).isEqualTo(status.equals("5xx") ? 5 : 25);
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertNotifiesTheTopic(alarm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SystemUnavailable", "PermissionError"})
    void gateFailureAlarm_countsTheGatesJobFailedLinesOfThatType(String type) throws IOException {
        JsonNode filter = Cfn.properties(Cfn.resources(TEMPLATE).get("Gate" + type + "MetricFilter"));
        JsonNode alarm = alarm("Gate" + type + "Alarm");
        String pattern = filter.path("FilterPattern").asText();

        assertThat(Cfn.target(filter.path("LogGroupName"))).contains("ScanGateLogGroup");
        assertThat(filter.at("/MetricTransformations/0/MetricName").asText()).isEqualTo(alarm.path("MetricName").asText());
        assertThat(filter.at("/MetricTransformations/0/MetricNamespace")).isEqualTo(alarm.path("Namespace"));
        assertThat(alarm.path("Statistic").asText()).isEqualTo("Sum");
        assertThat(alarm.path("Threshold").asInt()).isEqualTo(1);
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertNotifiesTheTopic(alarm);
        // The pattern matches the line the gate writes for that type, in Lambda's JSON log record, and no other type.
        assertThat(gateSource()).contains("log.warn(\"job-failed\", Map.of(\"jobId\", String.valueOf(subject.jobId()), \"type\", type.name()");
        for (String logged : List.of("SystemUnavailable", "PermissionError", "ConfigurationError", "JobFailed")) {
            assertThat(matches(pattern, lambdaJsonRecord(jobFailedLine(logged)))).as("%s against a %s line", pattern, logged)
                    .isEqualTo(logged.equals(type));
        }
        assertThat(matches(pattern, lambdaJsonRecord(
                "{\"level\":\"INFO\",\"component\":\"scan-gate\",\"event\":\"job-received\",\"jobId\":\"j\"}"))).isFalse();
    }

    @Test
    void gateStuckAlarm_opensForTheGatesTimeout_onSecurityGateActionsStartedAndNotEnded() {
        JsonNode alarm = alarm("GateStuckAlarm");
        Map<String, JsonNode> queries = queries(alarm);
        JsonNode started = Cfn.properties(Cfn.resources(TEMPLATE).get("GateActionStartedRule")).path("EventPattern");
        JsonNode ended = Cfn.properties(Cfn.resources(TEMPLATE).get("GateActionEndedRule")).path("EventPattern");

        assertThat(started.at("/detail/stage/0").asText()).isEqualTo("SecurityGate");
        assertThat(started.at("/detail/state")).extracting(JsonNode::asText).containsExactly("STARTED");
        assertThat(ended.at("/detail/stage/0").asText()).isEqualTo("SecurityGate");
        assertThat(ended.at("/detail/state")).extracting(JsonNode::asText).containsExactlyInAnyOrder("SUCCEEDED", "FAILED", "ABANDONED", "CANCELED");
        assertThat(Cfn.target(queries.get("started").at("/MetricStat/Metric/Dimensions/0/Value"))).contains("GateActionStartedRule");
        assertThat(Cfn.target(queries.get("ended").at("/MetricStat/Metric/Dimensions/0/Value"))).contains("GateActionEndedRule");
        assertThat(queries.get("started").at("/MetricStat/Metric/MetricName").asText()).isEqualTo("MatchedEvents");
        assertThat(queries.get("open").path("Expression").asText()).isEqualTo("RUNNING_SUM(FILL(started, 0) - FILL(ended, 0))");
        assertThat(Cfn.target(alarm.path("EvaluationPeriods"))).contains("ScanTimeoutMinutes");
        assertThat(Cfn.target(alarm.path("DatapointsToAlarm"))).contains("ScanTimeoutMinutes");
        assertThat(queries.get("started").at("/MetricStat/Period").asInt()).isEqualTo(60);
        assertThat(TEMPLATE.at("/Parameters/ScanTimeoutMinutes/MaxValue").asInt()).as("EvaluationPeriods x 60 s fits CloudWatch's one day")
                .isLessThanOrEqualTo(1440);
        assertThat(alarm.path("Threshold").asInt()).isEqualTo(1);
        assertNotifiesTheTopic(alarm);
    }

    @Test
    void everyAlarmOfTheTemplate_isKnownToATest_andNotifiesTheTopic() {
        List<String> covered = new ArrayList<>(singleMetricAlarms().map(a -> (String) a.get()[0]).toList());
        covered.addAll(List.of("WebhookApi4xxRateAlarm", "WebhookApi5xxRateAlarm", "GateSystemUnavailableAlarm",
                "GatePermissionErrorAlarm", "GateStuckAlarm"));
        covered.addAll(List.of("WebhookRejectionsAlarm", "WebhookErrorsAlarm")); // request counts; WebhookFloodTest checks them

        assertThat(Cfn.resourcesOfType(TEMPLATE, "AWS::CloudWatch::Alarm").keySet()).containsExactlyInAnyOrderElementsOf(covered);
        Cfn.resourcesOfType(TEMPLATE, "AWS::CloudWatch::Alarm").values().forEach(a -> assertNotifiesTheTopic(Cfn.properties(a)));
    }

    @Test
    void notifyTopicKey_letsCloudWatchPublish_andTheGatePublishesWithIt() {
        JsonNode topic = Cfn.properties(Cfn.resources(TEMPLATE).get("NotifyTopic"));
        JsonNode keyPolicy = Cfn.properties(Cfn.resources(TEMPLATE).get("NotifyTopicKey")).path("KeyPolicy");

        assertThat(Cfn.target(topic.path("KmsMasterKeyId"))).as("not alias/aws/sns: CloudWatch cannot use the AWS managed key")
                .contains("NotifyTopicKey");
        assertThat(keyPolicy.path("Statement")).anySatisfy(statement -> {
            assertThat(statement.at("/Principal/Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
            assertThat(statement.path("Action")).extracting(JsonNode::asText).contains("kms:Decrypt", "kms:GenerateDataKey*");
        });
        assertThat(Cfn.properties(Cfn.resources(TEMPLATE).get("ScanGateFunctionRole")).toString())
                .contains("kms:GenerateDataKey").contains("NotifyTopicKey");
    }

    @Test
    void notifyTopic_deliversEveryMessageToTheNotifier_soAlarmsReachSlack() {
        JsonNode events = Cfn.properties(Cfn.resources(TEMPLATE).get("NotifierFunction")).path("Events");
        List<JsonNode> topicSubscriptions = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("Type").asText().equals("SNS")) {
                topicSubscriptions.add(e.path("Properties"));
            }
        });

        assertThat(topicSubscriptions).singleElement().satisfies(subscription -> {
            assertThat(Cfn.target(subscription.path("Topic"))).contains("NotifyTopic");
            assertThat(subscription.has("FilterPolicy")).as("a filter policy could drop alarm notifications").isFalse();
        });
    }

    private static JsonNode alarm(String id) {
        JsonNode resource = Cfn.resources(TEMPLATE).get(id);
        assertThat(resource).as("template.yaml has %s", id).isNotNull();
        assertThat(resource.path("Type").asText()).isEqualTo("AWS::CloudWatch::Alarm");
        return Cfn.properties(resource);
    }

    /**
     * ALARM and the OK that ends it reach the topic (the notifier posts both to Slack); INSUFFICIENT_DATA does not
     * (the notifier would not post it: docs/operations.md, Alarms in Slack).
     */
    private static void assertNotifiesTheTopic(JsonNode alarm) {
        assertThat(alarm.path("AlarmActions")).singleElement().satisfies(action -> assertThat(Cfn.target(action)).contains("NotifyTopic"));
        assertThat(alarm.path("OKActions")).singleElement().satisfies(action -> assertThat(Cfn.target(action)).contains("NotifyTopic"));
        assertThat(alarm.has("InsufficientDataActions")).isFalse();
        assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
    }

    private static Map<String, JsonNode> queries(JsonNode alarm) {
        Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        alarm.path("Metrics").forEach(q -> byId.put(q.path("Id").asText(), q));
        return byId;
    }

    private static String gateSource() throws IOException {
        return Files.readString(Templates.root().resolve("functions/scan-gate/src/main/java/dev/shipgate/gate/GateService.java"));
    }

    /** What GateService logs for a failed job (JsonLog's field order). */
    private static String jobFailedLine(String type) {
        return "{\"level\":\"WARN\",\"component\":\"scan-gate\",\"event\":\"job-failed\",\"jobId\":\"1f2e\",\"type\":\"" + type
                + "\",\"message\":\"Access denied to ecr:DescribeImageScanFindings\"}";
    }

    /** The record Lambda writes for a logger line under LogFormat JSON: the line is the escaped "message" string. */
    private static String lambdaJsonRecord(String line) {
        return "{\"timestamp\":\"2026-12-03T14:00:00Z\",\"level\":\"WARN\",\"message\":\""
                + line.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"AWSRequestId\":\"8f5f\"}";
    }

    /**
     * CloudWatch Logs' term matching for unstructured patterns: every double-quoted term must occur in the event
     * (case-sensitive). Only the form the template uses is supported; anything else fails the test.
     */
    private static boolean matches(String pattern, String event) {
        Matcher term = Pattern.compile("\"([^\"]+)\"").matcher(pattern);
        List<String> terms = new ArrayList<>();
        while (term.find()) {
            terms.add(term.group(1));
        }
        assertThat(pattern.replaceAll("\"[^\"]+\"", "").isBlank() && !terms.isEmpty())
                .as("pattern %s is only quoted terms", pattern).isTrue();
        return terms.stream().allMatch(event::contains);
    }
}
