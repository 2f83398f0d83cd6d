package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSetTemplateTest {

    @Test
    void stacksetCommand_writesTransformFreePackagedTemplate_thatLintsClean() throws Exception {
        // Arrange
        Path out = Templates.work().resolve("shipgate-stackset.json");
        Path code = Templates.work().resolve("stackset-code");

        // Act
        Templates.Result r = Templates.expand(Templates.template(), "--stackset", "--out", out.toString(),
                "--package-dir", code.toString());
        Templates.Result lint = Templates.cfnLint(out);

        // Assert
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(lint.exitCode()).as(lint.output()).isZero();
        JsonNode t = Templates.read(out);
        assertThat(t.has("Transform")).isFalse();
        assertThat(Cfn.resources(t).values()).noneMatch(res -> res.path("Type").asText().startsWith("AWS::Serverless::"));
        assertThat(t.path("Parameters").has("CodeBucketPrefix")).isTrue();
        Map<String, JsonNode> functions = Cfn.resourcesOfType(t, "AWS::Lambda::Function");
        assertThat(functions).hasSize(3);
        for (Map.Entry<String, JsonNode> fn : functions.entrySet()) {
            JsonNode codeLocation = Cfn.properties(fn.getValue()).path("Code");
            assertThat(codeLocation.path("S3Bucket").path("Fn::Sub").asText()).isEqualTo("${CodeBucketPrefix}-${AWS::Region}");
            String key = codeLocation.path("S3Key").asText();
            String module = key.substring(key.lastIndexOf('/') + 1, key.length() - ".zip".length());
            assertThat(Templates.root().resolve("functions/" + module + "/target/function.zip")).isRegularFile();
            // the key is content-addressed: the sha256 of the zip copied for upload
            byte[] copied = Files.readAllBytes(code.resolve(key));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(copied));
            assertThat(key).isEqualTo("shipgate/" + sha + "/" + module + ".zip");
            assertThat(Cfn.properties(fn.getValue()).path("Description").asText()).endsWith(sha);
            assertThat(r.output()).contains("s3://<CodeBucketPrefix>-<region>/" + key);
        }
    }

    @Test
    void stacksetCommand_withFixedBucket_usesItLiterally() {
        Path out = Templates.work().resolve("shipgate-stackset-fixed.json");

        Templates.Result r = Templates.expand(Templates.template(), "--stackset", "--s3-bucket", "my-code-bucket",
                "--out", out.toString(), "--package-dir", Templates.work().resolve("stackset-code").toString());

        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode t = Templates.read(out);
        assertThat(t.path("Parameters").has("CodeBucketPrefix")).isFalse();
        Cfn.resourcesOfType(t, "AWS::Lambda::Function").values().forEach(fn ->
                assertThat(Cfn.properties(fn).path("Code").path("S3Bucket").asText()).isEqualTo("my-code-bucket"));
    }

    @Test
    void stacksetCommand_withUnbuiltFunction_failsNamingIt() throws IOException {
        // A root whose Makefile builds scan-gate from a module that was never built.
        Path root = Files.createDirectories(Templates.work().resolve("unbuilt-root"));
        Files.writeString(root.resolve("Makefile"), Files.readString(Templates.root().resolve("Makefile"))
                .replace("MODULE := scan-gate", "MODULE := not-built"));
        if (!Files.exists(root.resolve("functions"))) {
            Files.createSymbolicLink(root.resolve("functions"), Templates.root().resolve("functions"));
        }

        Templates.Result r = Templates.expand(Templates.template(), "--root", root.toString(), "--stackset", "--out",
                Templates.work().resolve("unbuilt.json").toString(), "--package-dir", Templates.work().resolve("unbuilt-code").toString());

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("ScanGateFunction").contains("not-built").contains("does not exist");
    }
}
