package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PipelineCheckTest {

    /** The pipeline variable names github-webhook passes to StartPipelineExecution (shared's PipelineVariables). */
    static Set<String> webhookVariables() {
        Path names = Templates.root().resolve("functions/shared/src/main/java/dev/shipgate/shared/pipeline/PipelineVariables.java");
        try {
            return EnvContract.constants(Files.readString(names));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void template_pipelineIsWiredToTheFunctionsAndItself() {
        assertThat(webhookVariables()).contains("COMMIT_SHA", "GIT_REF", "DELIVERY_ID");

        assertThat(PipelineCheck.check(Templates.sam(), webhookVariables())).isEmpty();
    }

    @Test
    void webhookPassingAnUndeclaredVariable_isReported() {
        Set<String> passed = new TreeSet<>(webhookVariables());
        passed.add("PUSHER");

        assertThat(PipelineCheck.check(Templates.sam(), passed)).extracting(Violation::toString)
                .containsExactly("Pipeline: the github-webhook passes variable PUSHER but the pipeline does not declare it");
    }

    @Test
    void copyWithChangeDetectionOn_isReported() {
        JsonNode template = Templates.sam();
        sourceConfiguration(template).put("DetectChanges", "true");

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString).containsExactly(
                "Pipeline: the source action's DetectChanges is not false; the webhook starts executions on the exact commit");
    }

    @Test
    void copyDeployingBeforeTheGate_isReported() {
        JsonNode template = Templates.sam();
        ArrayNode stages = (ArrayNode) Mutations.props(template, "Pipeline").path("Stages");
        JsonNode deploy = stages.remove(stages.size() - 1);
        stages.insert(2, deploy);

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::problem)
                .singleElement().asString().startsWith("stages [Source, Build, Deploy, SecurityGate, Test]");
    }

    @Test
    void copyUsingAnUndeclaredVariable_isReported() {
        JsonNode template = Templates.sam();
        ObjectNode build = buildConfiguration(template);
        build.put("EnvironmentVariables", build.path("EnvironmentVariables").asText().replace("#{variables.GIT_REF}", "#{variables.GIT_SHA}"));

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString)
                .containsExactly("Pipeline: #{variables.GIT_SHA} is used but not declared");
    }

    @Test
    void copyUsingABuildVariableTheBuildspecDoesNotExport_isReported() {
        JsonNode template = Templates.sam();
        ObjectNode build = buildConfiguration(template);
        build.put("EnvironmentVariables", build.path("EnvironmentVariables").asText()
                .replace("#{variables.DELIVERY_ID}", "#{BuildVariables.IMAGE_SIZE}"));

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString)
                .containsExactly("Pipeline: #{BuildVariables.IMAGE_SIZE} is used but the default buildspec does not export it");
    }

    @Test
    void copyWithGateParametersWithoutDigest_isReported() {
        JsonNode template = Templates.sam();
        JsonNode gateConfig = gate(template).path("Configuration");
        ArrayNode parameters = (ArrayNode) gateConfig.path("UserParameters").path("Fn::Sub");
        parameters.set(0, com.fasterxml.jackson.databind.node.TextNode.valueOf(parameters.get(0).asText().replace("\"imageDigest\"", "\"digest\"")));

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString)
                .containsExactly("Pipeline: security gate UserParameters lack [imageDigest]");
    }

    @Test
    void copyUsingAnUndocumentedImplicitVariable_isReported() {
        // Arrange: what the template passed before: CodePipeline documents #{codepipeline.PipelineExecutionId} only
        JsonNode template = Templates.sam();
        ArrayNode parameters = (ArrayNode) gate(template).at("/Configuration/UserParameters/Fn::Sub");
        parameters.set(0, com.fasterxml.jackson.databind.node.TextNode.valueOf(parameters.get(0).asText().replace("${PipelineName}", "#{codepipeline.PipelineName}")));

        // Act + Assert
        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString).containsExactly(
                unknownVariable("#{codepipeline.PipelineName}"),
                "Pipeline: security gate UserParameters' pipelineName is not the pipeline's Name substituted by !Sub");
    }

    @Test
    void copyUsingAVariableOfANamespaceNoActionDeclares_isReported() {
        JsonNode template = Templates.sam();
        ObjectNode build = buildConfiguration(template);
        build.put("EnvironmentVariables", build.path("EnvironmentVariables").asText()
                .replace("#{SourceVariables.CommitId}", "#{Source.CommitId}"));

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString)
                .containsExactly(unknownVariable("#{Source.CommitId}"));
    }

    @Test
    void copyWhoseGatePipelineNameDiffersFromThePipelinesName_isReported() {
        JsonNode template = Templates.sam();
        Mutations.props(template, "Pipeline").put("Name", "some-other-pipeline");

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString).containsExactly(
                "Pipeline: security gate UserParameters' pipelineName is not the pipeline's Name substituted by !Sub");
    }

    @Test
    void copyCreatingThePipelineBeforeItsEventsRule_isReported() {
        JsonNode template = Templates.sam();
        ((ObjectNode) template.path("Resources").path("Pipeline")).remove("DependsOn");

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString).containsExactly(
                "Pipeline: does not DependsOn PipelineEventsRule; the first automatic execution starts before its events are forwarded",
                "Pipeline: does not DependsOn PipelineEventsInvokePermission; the rule cannot invoke the notifier yet",
                "Pipeline: does not DependsOn GateActionStartedRule; the first automatic execution starts before its events are forwarded",
                "Pipeline: does not DependsOn GateActionEndedRule; the first automatic execution starts before its events are forwarded");
    }

    @Test
    void copyGivingTheGateTheBuildOutputFirst_isReported() {
        JsonNode template = Templates.sam();
        ArrayNode inputs = (ArrayNode) gate(template).path("InputArtifacts");
        inputs.insert(0, inputs.remove(1));

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString).containsExactly(
                "Pipeline: the security gate's first input artifact is not the source output SourceOutput (it holds the policy file)");
    }

    @Test
    void copyWhereTheWebhookTargetsAnotherSourceAction_isReported() {
        JsonNode template = Templates.sam();
        Mutations.object(template, "/Resources/WebhookFunction/Properties/Environment/Variables").put("SOURCE_ACTION_NAME", "GitHub");

        assertThat(PipelineCheck.check(template, webhookVariables())).extracting(Violation::toString)
                .containsExactly("WebhookFunction: SOURCE_ACTION_NAME \"GitHub\" is not the source action's name 'Source'");
    }

    private static String unknownVariable(String reference) {
        return "Pipeline: " + reference + " is neither a documented implicit variable (#{codepipeline.PipelineExecutionId})"
                + " nor a pipeline variable nor from an action namespace [BuildVariables, GateVariables, SourceVariables]";
    }

    private static ObjectNode sourceConfiguration(JsonNode template) {
        return (ObjectNode) Mutations.props(template, "Pipeline").path("Stages").get(0).path("Actions").get(0).path("Configuration");
    }

    private static ObjectNode buildConfiguration(JsonNode template) {
        return (ObjectNode) Mutations.props(template, "Pipeline").path("Stages").get(1).path("Actions").get(0).path("Configuration");
    }

    private static JsonNode gate(JsonNode template) {
        return Mutations.props(template, "Pipeline").path("Stages").get(2).path("Actions").get(0);
    }
}
