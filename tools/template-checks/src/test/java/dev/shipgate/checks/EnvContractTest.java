package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvContractTest {

    @Test
    void template_setsExactlyTheVariablesEachFunctionReads() {
        assertThat(EnvContract.check(Templates.sam(), Templates.root())).isEmpty();
    }

    @Test
    void constants_readsEveryUpperCaseStringConstant() {
        String source = """
                public record WebhookConfig(String pipeline) {
                    public static final String PIPELINE_NAME = "PIPELINE_NAME";
                    static final String TABLE =
                        "DELIVERIES_TABLE_NAME";
                    private static final String lower = "not-an-env-var";
                    public static final String DEFAULT_FAIL_ON_SEVERITY = "HIGH";
                    public static final int LIMIT = 3;
                }
                """;

        assertThat(EnvContract.constants(source)).containsExactly("DELIVERIES_TABLE_NAME", "PIPELINE_NAME");
    }

    @Test
    void copyMissingAVariableTheFunctionReads_isReported(@TempDir Path root) throws IOException {
        // Arrange: functions that read exactly what the template sets, then a template copy missing one
        JsonNode template = Templates.sam();
        writeConfigsMatching(template, root);
        ((ObjectNode) template.at("/Resources/WebhookFunction/Properties/Environment/Variables")).remove("PIPELINE_NAME");

        // Act
        var violations = EnvContract.check(template, root);

        // Assert
        assertThat(violations).extracting(Violation::toString)
                .containsExactly("WebhookFunction: functions/github-webhook reads PIPELINE_NAME but template.yaml does not set it");
    }

    @Test
    void copySettingAVariableNoFunctionReads_isReported(@TempDir Path root) throws IOException {
        JsonNode template = Templates.sam();
        writeConfigsMatching(template, root);
        ((ObjectNode) template.at("/Resources/NotifierFunction/Properties/Environment/Variables")).put("SLACK_USERNAME", "shipgate");

        var violations = EnvContract.check(template, root);

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "NotifierFunction: template.yaml sets SLACK_USERNAME but functions/slack-notifier does not read it (no constant in its *Config.java)");
    }

    @Test
    void jvmOptionsAreReadByTheJvm_notByFunctionCode(@TempDir Path root) throws IOException {
        JsonNode template = Templates.sam();
        writeConfigsMatching(template, root);
        ((ObjectNode) template.at("/Resources/NotifierFunction/Properties/Environment/Variables"))
                .put("JAVA_TOOL_OPTIONS", "-XX:MetaspaceSize=64m");

        assertThat(EnvContract.check(template, root)).isEmpty();
        assertThat(template.at("/Globals/Function/Environment/Variables/JAVA_TOOL_OPTIONS").asText()).contains("-XX:MetaspaceSize=");
    }

    @Test
    void functionWithoutConfigClass_isReported(@TempDir Path root) throws IOException {
        JsonNode template = Templates.sam();
        writeConfigsMatching(template, root);
        Files.delete(root.resolve("functions/scan-gate/src/main/java/dev/example/GeneratedConfig.java"));

        var violations = EnvContract.check(template, root);

        assertThat(violations).extracting(Violation::subject).containsExactly("ScanGateFunction");
        assertThat(violations.get(0).problem()).contains("declares no environment variables");
    }

    @Test
    void awsRegion_isLambdaProvided_andNeedsNoTemplateEntry(@TempDir Path root) throws IOException {
        JsonNode template = Templates.sam();
        writeConfigsMatching(template, root);
        Files.writeString(root.resolve("functions/scan-gate/src/main/java/dev/example/RegionConfig.java"),
                "final class RegionConfig { static final String REGION = \"AWS_REGION\"; }");

        assertThat(EnvContract.check(template, root)).isEmpty();
    }

    /**
     * Writes, per function of the template, a *Config.java declaring exactly the variables the template sets,
     * next to a copy of the Makefile that maps each function to its module.
     */
    private static void writeConfigsMatching(JsonNode template, Path root) throws IOException {
        Files.copy(Templates.root().resolve("Makefile"), root.resolve("Makefile"));
        for (Map.Entry<String, JsonNode> fn : Cfn.resourcesOfType(template, "AWS::Serverless::Function").entrySet()) {
            JsonNode props = Cfn.properties(fn.getValue());
            String module = EnvContract.module(Templates.root(), fn.getKey()).orElseThrow();
            Path dir = Files.createDirectories(root.resolve("functions/" + module + "/src/main/java/dev/example"));
            String constants = new java.util.TreeSet<String>(iterate(props.path("Environment").path("Variables"))).stream()
                    .map(n -> "    public static final String " + n + " = \"" + n + "\";")
                    .collect(Collectors.joining("\n"));
            Files.writeString(dir.resolve("GeneratedConfig.java"), "final class GeneratedConfig {\n" + constants + "\n}\n");
        }
    }

    private static java.util.List<String> iterate(JsonNode variables) {
        java.util.List<String> names = new java.util.ArrayList<>();
        variables.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
