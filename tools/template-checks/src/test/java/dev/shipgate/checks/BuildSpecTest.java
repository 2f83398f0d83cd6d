package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The buildspecs the stack provides parse as buildspecs and their shell passes bash -n. */
class BuildSpecTest {

    @Test
    void defaultBuildSpec_exportsTheImageAndItsScriptsParse() {
        JsonNode spec = buildSpec("BuildProject");

        assertThat(spec.path("version").asText()).isEqualTo("0.2");
        assertThat(texts(spec.path("env").path("exported-variables"))).contains("IMAGE_DIGEST", "IMAGE_URI");
        assertThat(texts(spec.path("artifacts").path("files"))).containsExactly("reports/**/*");
        assertThat(spec.path("phases").path("build").path("on-failure").asText()).isEqualTo("ABORT");
        assertThat(bashSyntax(spec).output()).isEmpty();
        assertThat(bashSyntax(spec).exitCode()).isZero();
    }

    @Test
    void defaultBuildSpec_writesTheClairReportWhereTheGateLooksForIt() {
        String script = String.join("\n", texts(buildSpec("BuildProject").path("phases").path("build").path("commands")));
        JsonNode gate = Templates.sam().at("/Resources/ScanGateFunction/Properties/Environment/Variables/SCAN_REPORT_PATH");
        String parameters = Templates.sam().at("/Resources/Pipeline/Properties/Stages/2/Actions/0/Configuration/UserParameters").toString();

        assertThat(script).contains("> reports/clair.json");
        assertThat(gate.toString()).isEqualTo("{\"Fn::If\":[\"ClairEnabled\",\"reports/clair.json\",\"\"]}");
        assertThat(parameters).doesNotContain("clairReport").doesNotContain("scanReport").doesNotContain("policyFile");
    }

    @Test
    void dockerHubSecret_reachesTheBuildAsSecretsManagerVariablesAndOnlyTheBuildRoleMayReadIt() {
        JsonNode template = Templates.sam();
        List<String> secretVariables = new ArrayList<>();
        for (JsonNode variable : Cfn.alternatives(template.at("/Resources/BuildProject/Properties/Environment/EnvironmentVariables"))) {
            if ("SECRETS_MANAGER".equals(variable.path("Type").asText())) {
                secretVariables.add(variable.path("Name").asText() + "=" + variable.path("Value").path("Fn::Sub").asText());
            }
        }
        JsonNode grant = Cfn.alternatives(template.at("/Resources/BuildRole/Properties/Policies/0/PolicyDocument/Statement")).stream()
                .filter(s -> s.path("Action").asText().equals("secretsmanager:GetSecretValue")).findFirst().orElseThrow();

        assertThat(secretVariables).containsExactlyInAnyOrder("DOCKERHUB_USERNAME=${DockerHubSecretArn}:username",
                "DOCKERHUB_TOKEN=${DockerHubSecretArn}:password");
        assertThat(grant.path("Resource")).isEqualTo(Mutations.json("{\"Ref\":\"DockerHubSecretArn\"}"));
        assertThat(template.at("/Resources/BuildRole/Properties/Policies/0/PolicyDocument/Statement").toString())
                .contains("{\"Fn::If\":[\"HasDockerHubSecret\",{\"Sid\":\"ReadDockerHubCredentials\"");
        assertThat(template.at("/Parameters/DockerHubSecretArn/Default").asText()).isEmpty();
    }

    @Test
    void eksDeployBuildSpec_deploysOnlyDigestPinnedImagesAndItsScriptsParse() {
        JsonNode spec = buildSpec("DeployProject");

        assertThat(spec.path("version").asText()).isEqualTo("0.2");
        String script = String.join("\n", texts(spec.path("phases").path("build").path("commands")));
        assertThat(script).contains("=~ ^sha256:[0-9a-f]{64}$").contains("$REPOSITORY_URI@$digest").contains("rollout status");
        Templates.Result syntax = bashSyntax(spec);
        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
    }

    @Test
    void brokenScript_isCaughtByTheSyntaxCheck() {
        JsonNode spec = buildSpec("BuildProject");
        JsonNode commands = spec.path("phases").path("build").path("commands");
        ((com.fasterxml.jackson.databind.node.ArrayNode) commands).add("if [ -n \"$X\" ]; then echo unterminated");

        Templates.Result syntax = bashSyntax(spec);

        assertThat(syntax.exitCode()).isNotZero();
        assertThat(syntax.output()).contains("syntax error");
    }

    /** The inline (stack-provided) buildspec of a project, parsed by PyYAML as CodeBuild would read it. */
    private static JsonNode buildSpec(String project) {
        JsonNode inline = Cfn.alternatives(Templates.sam().at("/Resources/" + project + "/Properties/Source/BuildSpec")).stream()
                .filter(n -> n.isTextual() && n.asText().contains("version: 0.2")).findFirst().orElseThrow();
        Path file = Templates.write(project + ".buildspec.yml", inline.asText());
        Templates.Result r = Templates.run(List.of("python3", "-c",
                "import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", file.toString()));
        assertThat(r.exitCode()).as(r.output()).isZero();
        return Mutations.json(r.output());
    }

    private static Templates.Result bashSyntax(JsonNode spec) {
        List<String> script = new ArrayList<>();
        spec.path("phases").forEach(phase -> script.addAll(texts(phase.path("commands"))));
        Path file = Templates.write("buildspec-" + Math.abs(script.hashCode()) + ".sh", String.join("\n", script) + "\n");
        return Templates.run(List.of("bash", "-n", file.toString()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
