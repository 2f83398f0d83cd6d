package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CfnLintTest {

    @Test
    void samTemplate_lintsCleanInThreeRegions() {
        Templates.Result r = Templates.cfnLint(Templates.template());

        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void expandedTemplate_lintsCleanInThreeRegions() {
        Templates.expanded();

        Templates.Result r = Templates.cfnLint(Templates.work().resolve("template.expanded.json"));

        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "ap-southeast-2"})
    void templateExpandedForAnotherRegion_lintsCleanThere(String region) {
        Path expanded = Templates.work().resolve("template.expanded." + region + ".json");

        Templates.Result expansion = Templates.expand(Templates.template(), "--region", region, "--out", expanded.toString());
        Templates.Result lint = Templates.run(java.util.List.of("cfn-lint", "-c", "I", "-r", region, "--", expanded.toString()));

        assertThat(expansion.exitCode()).as(expansion.output()).isZero();
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void misspelledIamAction_passesSamLintButFailsExpandedLint() {
        // Arrange: the gap the expansion exists for (cfn-lint skips W3037 under the SAM transform)
        String text = Templates.templateText();
        assertThat(text).contains("codepipeline:PutJobFailureResult]");
        Path broken = Templates.write("typo.yaml", text.replace("codepipeline:PutJobFailureResult]", "codepipeline:PutJobFailurResult]"));
        Path expanded = Templates.work().resolve("typo.expanded.json");

        // Act
        Templates.Result samLint = Templates.cfnLint(broken);
        Templates.Result expansion = Templates.expand(broken, "--out", expanded.toString());
        Templates.Result expandedLint = Templates.cfnLint(expanded);

        // Assert
        assertThat(samLint.exitCode()).as(samLint.output()).isZero();
        assertThat(expansion.exitCode()).as(expansion.output()).isZero();
        assertThat(expandedLint.exitCode()).isNotZero();
        assertThat(expandedLint.output()).contains("W3037").contains("putjobfailurresult");
    }

    @Test
    void samLint_rejectsUnsupportedRuntimeInCopy() {
        Path broken = Templates.write("runtime.yaml", Templates.templateText().replace("Runtime: java21", "Runtime: java99"));

        Templates.Result r = Templates.cfnLint(broken);

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("java99");
    }
}
