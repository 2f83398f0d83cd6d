package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stages after the security gate act on the image the gate verified: the gate's own output variables feed Test
 * and Deploy, and the stack's default deploy script refuses any other image. Also the gate's and the notifier's
 * parameters that belong to the same threat model (unscored severity, the Slack secret's customer managed key).
 */
class GateWiringTest {

    private static final String REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-abc123";
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @TempDir
    Path dir;

    static JsonNode stage(String name) {
        JsonNode pipeline = Cfn.properties(Cfn.resourcesOfType(Templates.sam(), "AWS::CodePipeline::Pipeline").values().iterator().next());
        return Cfn.alternatives(pipeline.path("Stages")).stream().filter(s -> name.equals(s.path("Name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no stage " + name));
    }

    @Test
    void gateAction_exportsItsOutputVariablesUnderItsOwnNamespace() {
        JsonNode gate = stage("SecurityGate").path("Actions").path(0);

        assertThat(gate.path("ActionTypeId").path("Provider").asText()).isEqualTo("Lambda");
        assertThat(gate.path("Namespace").asText()).isEqualTo("GateVariables");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Test", "Deploy"})
    void stagesAfterTheGate_takeTheImageFromTheGateNeverFromTheBuild(String name) throws IOException {
        JsonNode action = stage(name).path("Actions").path(0);
        JsonNode variables = Templates.MAPPER.readTree(action.path("Configuration").path("EnvironmentVariables").asText());
        Map<String, String> byName = new java.util.HashMap<>();
        variables.forEach(v -> byName.put(v.path("name").asText(), v.path("value").asText()));

        assertThat(byName).containsEntry("IMAGE_URI", "#{GateVariables.IMAGE_URI}")
                .containsEntry("IMAGE_DIGEST", "#{GateVariables.IMAGE_DIGEST}");
        assertThat(action.toString()).doesNotContain("#{BuildVariables.");
    }

    @Test
    void gateFunction_knowsTheStacksRepositoryAndUnscoredSeverity() {
        JsonNode variables = Cfn.properties(Templates.sam().path("Resources").path("ScanGateFunction")).path("Environment").path("Variables");

        assertThat(variables.path("IMAGE_REPOSITORY_URI").toString()).isEqualTo("{\"Fn::GetAtt\":[\"ImageRepository\",\"RepositoryUri\"]}");
        assertThat(variables.path("UNSCORED_SEVERITY").toString()).isEqualTo("{\"Ref\":\"UnscoredSeverity\"}");
        JsonNode parameter = Templates.sam().path("Parameters").path("UnscoredSeverity");
        assertThat(parameter.path("Default").asText()).isEqualTo("HIGH");
        assertThat(parameter.path("AllowedValues").toString()).isEqualTo("[\"CRITICAL\",\"HIGH\",\"MEDIUM\",\"LOW\",\"INFORMATIONAL\"]");
    }

    @Test
    void slackSecretWithCustomerManagedKey_notifierMayDecryptWithThatKeyOnlyThroughSecretsManager() {
        JsonNode statements = Cfn.properties(Templates.sam().path("Resources").path("NotifierFunctionRole"))
                .path("Policies").path(0).path("PolicyDocument").path("Statement");
        JsonNode decrypt = null;
        for (JsonNode statement : statements) {
            if ("DecryptSlackSecret".equals(Cfn.alternatives(statement).stream().map(s -> s.path("Sid").asText())
                    .filter("DecryptSlackSecret"::equals).findFirst().orElse(""))) {
                decrypt = statement;
            }
        }
        assertThat(decrypt).as("a DecryptSlackSecret statement").isNotNull();
        assertThat(decrypt.path("Fn::If").path(0).asText()).isEqualTo("HasSlackSecretKmsKey");
        JsonNode granted = decrypt.path("Fn::If").path(1);
        assertThat(granted.path("Action").asText()).isEqualTo("kms:Decrypt");
        assertThat(granted.path("Resource").toString()).isEqualTo("{\"Ref\":\"SlackWebhookSecretKmsKeyArn\"}");
        assertThat(granted.path("Condition").path("StringEquals").path("kms:ViaService").toString())
                .contains("secretsmanager.${AWS::Region}.${AWS::URLSuffix}");
        assertThat(decrypt.path("Fn::If").path(2).toString()).isEqualTo("{\"Ref\":\"AWS::NoValue\"}");
        assertThat(Templates.sam().path("Conditions").path("HasSlackSecretKmsKey").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"SlackWebhookSecretKmsKeyArn\"},\"\"]}]}");
    }

    // ----- the default deploy script, run with bash as written in template.yaml -----

    @Test
    void defaultDeploy_imageOfThisRepositoryPinnedByDigest_isDeployed() throws Exception {
        Run run = deploy(REPO + "@" + DIGEST);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(dir.resolve("calls.log")))
                .contains("kubectl -n apps set image deployment/app *=" + REPO + "@" + DIGEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/other-app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "210987654321.dkr.ecr.us-east-1.amazonaws.com/app-abc123@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "123456789012Xdkr.ecr.us-east-1.amazonaws.com/app-abc123@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-abc123:latest",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-abc123@sha256:short",
            "docker.io/library/app-abc123@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            ""})
    void defaultDeploy_anyOtherImage_isRefusedBeforeTouchingTheCluster(String image) throws Exception {
        Run run = deploy(image);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("IMAGE_URI must be an image of this stack's repository " + REPO + " pinned by digest");
        assertThat(Files.exists(dir.resolve("calls.log")) ? Files.readString(dir.resolve("calls.log")) : "").isEmpty();
    }

    private Run deploy(String imageUri) throws Exception {
        JsonNode inline = Cfn.alternatives(Templates.sam().at("/Resources/DeployProject/Properties/Source/BuildSpec")).get(1);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // Stand-ins for the aws and kubectl commands: they only record how they were called.
        for (String command : List.of("aws", "kubectl")) {
            Path file = bin.resolve(command);
            Files.writeString(file, "#!/bin/bash\necho \"" + command + " $*\" >> \"$CALLS\"\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Templates.Result result = Templates.runBuildPhase("default-deploy", inline, "", dir, Map.of(
                "PATH", bin + ":" + System.getenv("PATH"), "CALLS", dir.resolve("calls.log").toString(), "AWS_REGION", "us-east-1",
                "IMAGE_URI", imageUri, "REPOSITORY_URI", REPO, "EKS_CLUSTER_NAME", "cluster", "EKS_NAMESPACE", "apps",
                "EKS_DEPLOYMENT", "app"));
        return new Run(result.exitCode(), result.output());
    }

    record Run(int exitCode, String output) {
    }
}
