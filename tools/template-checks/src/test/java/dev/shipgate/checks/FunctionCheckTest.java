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
    void copyWithMixedArchitecturesOrOldRuntime_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.props(template, "WebhookFunction").putArray("Architectures").add("x86_64");
        Mutations.props(template, "ScanGateFunction").put("Runtime", "java17");

        assertThat(FunctionCheck.check(template)).extracting(Violation::toString).containsExactlyInAnyOrder(
                "ScanGateFunction: Runtime is \"java17\", not java21",
                "functions: mixed architectures [[\"arm64\"], [\"x86_64\"]]; choose one");
    }
}
