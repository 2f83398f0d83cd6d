package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class FunctionCheckTest {

    @Test
    void expandedTemplate_functionsRunFromSnapStartAliasesWithTracingAndJsonLogs() {
        assertThat(FunctionCheck.check(Templates.expanded())).isEmpty();
    }

    @Test
    void copyWhereThePipelineInvokesLatest_isReported() {
        JsonNode template = Templates.expanded();
        ObjectNode gate = (ObjectNode) Mutations.props(template, "Pipeline").path("Stages").get(2)
                .path("Actions").get(0).path("Configuration");
        gate.set("FunctionName", Mutations.json("{\"Ref\":\"ScanGateFunction\"}"));

        assertThat(FunctionCheck.check(template)).extracting(Violation::toString).containsExactly(
                "Pipeline: refers to the unqualified function ScanGateFunction ($LATEST, no SnapStart); point it at the function's alias");
    }

    @Test
    void gateAction_namesTheFunctionAndItsAliasAsCodePipelinesExamplesDo() {
        JsonNode gate = Templates.sam().at("/Resources/Pipeline/Properties/Stages/2/Actions/0/Configuration/FunctionName");

        assertThat(gate.toString()).isEqualTo("{\"Fn::Sub\":\"${ScanGateFunction}:live\"}");
    }

    @Test
    void copyWhereThePipelineInvokesLatestThroughSub_isReported() {
        JsonNode template = Templates.expanded();
        ObjectNode gate = (ObjectNode) Mutations.props(template, "Pipeline").path("Stages").get(2)
                .path("Actions").get(0).path("Configuration");
        gate.set("FunctionName", Mutations.json("{\"Fn::Sub\":\"${ScanGateFunction}:stale\"}"));

        assertThat(FunctionCheck.check(template)).extracting(Violation::subject).containsExactly("Pipeline");
    }

    @Test
    void copyWhereTheApiInvokesLatestThroughSub_isReported() {
        JsonNode template = Templates.expanded();
        ObjectNode integration = Mutations.object(template, "/Resources/WebhookApi/Properties/Body/paths/~1webhook/post/x-amazon-apigateway-integration");
        integration.set("uri", Mutations.json(
                "{\"Fn::Sub\":\"arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${WebhookFunction.Arn}/invocations\"}"));

        assertThat(FunctionCheck.check(template)).extracting(Violation::subject).containsExactly("WebhookApi");
    }

    @Test
    void copyWhoseAsyncConfigTargetsLatest_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.props(template, "NotifierFunctionEventInvokeConfig").put("Qualifier", "$LATEST");

        assertThat(FunctionCheck.check(template)).extracting(Violation::subject).containsExactly("NotifierFunctionEventInvokeConfig");
    }

    @Test
    void copyWithoutSnapStartTracingOrJsonLogs_isReported() {
        JsonNode template = Templates.expanded();
        ObjectNode notifier = Mutations.props(template, "NotifierFunction");
        notifier.remove("SnapStart");
        notifier.remove("TracingConfig");
        Mutations.object(template, "/Resources/NotifierFunction/Properties/LoggingConfig").put("LogFormat", "Text");

        assertThat(FunctionCheck.check(template)).extracting(Violation::toString).containsExactlyInAnyOrder(
                "NotifierFunction: tracing is not Active",
                "NotifierFunction: LoggingConfig.LogFormat is not JSON",
                "NotifierFunction: SnapStart.ApplyOn is not PublishedVersions");
    }

    @Test
    void snapStart_isOffEvenInTheRegionsWithoutItAndOnEverywhereElse() {
        JsonNode template = Templates.expanded();
        JsonNode snapStart = Mutations.props(template, "ScanGateFunction").path("SnapStart");
        JsonNode condition = template.path("Conditions").path(snapStart.at("/Fn::If/0").asText());

        assertThat(snapStart.at("/Fn::If/1/ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(snapStart.at("/Fn::If/2/Ref").asText()).isEqualTo("AWS::NoValue");
        assertThat(holdsIn(condition, "ap-southeast-6")).as("Asia Pacific (New Zealand)").isFalse();
        assertThat(holdsIn(condition, "ap-east-2")).as("Asia Pacific (Taipei)").isFalse();
        assertThat(holdsIn(condition, "us-east-1")).isTrue();
        assertThat(holdsIn(condition, "eu-west-1")).isTrue();
    }

    @Test
    void copyWhoseSnapStartConditionDependsOnAParameter_isReported() {
        JsonNode template = Templates.expanded();
        String name = Mutations.props(template, "NotifierFunction").at("/SnapStart/Fn::If/0").asText();
        ((ObjectNode) template.path("Conditions")).set(name, Mutations.json("{\"Fn::Equals\":[{\"Ref\":\"ClairReport\"},\"Enabled\"]}"));

        assertThat(FunctionCheck.check(template)).extracting(Violation::toString).contains("NotifierFunction: SnapStart.ApplyOn is not PublishedVersions");
    }

    /** Evaluates a condition made of Fn::Not, Fn::Or, Fn::And and Fn::Equals on AWS::Region. */
    private static boolean holdsIn(JsonNode condition, String region) {
        if (condition.has("Fn::Not")) {
            return !holdsIn(condition.path("Fn::Not").path(0), region);
        }
        if (condition.has("Fn::Or") || condition.has("Fn::And")) {
            boolean or = condition.has("Fn::Or");
            boolean result = !or;
            for (JsonNode c : condition.path(or ? "Fn::Or" : "Fn::And")) {
                result = or ? result || holdsIn(c, region) : result && holdsIn(c, region);
            }
            return result;
        }
        JsonNode equals = condition.path("Fn::Equals");
        String left = equals.path(0).path("Ref").asText().equals("AWS::Region") ? region : equals.path(0).asText();
        return left.equals(equals.path(1).asText());
    }

    @Test
    void copyWithMixedArchitecturesOrOldRuntime_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.props(template, "WebhookFunction").putArray("Architectures").add("x86_64");
        Mutations.props(template, "ScanGateFunction").put("Runtime", "java17");

        assertThat(FunctionCheck.check(template)).extracting(Violation::toString).containsExactlyInAnyOrder(
                "ScanGateFunction: Runtime is \"java17\", not java21",
                "functions: mixed architectures [[\"arm64\"], [\"x86_64\"]]; choose one");
    }
}
