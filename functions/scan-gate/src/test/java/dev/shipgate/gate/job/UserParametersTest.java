package dev.shipgate.gate.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserParametersTest {

    static final String DIGEST = "sha256:0ad4deece186aaa3053559f195b9c42ba100b66d359165cdb257498bd97d0f96";

    @Test
    void parse_fullParameters_readsEveryKey() {
        UserParameters p = UserParameters.parse("{\"repository\":\"team/app\",\"imageDigest\":\"" + DIGEST + "\",\"imageTag\":\"v1.2\","
                + "\"pipelineName\":\"app-pipeline\",\"pipelineExecutionId\":\"e-1\",\"failOnSeverity\":\"critical\","
                + "\"policyFile\":\"ops/policy.yaml\",\"clairReport\":\"reports/clair.json\"}");

        assertThat(p).isEqualTo(new UserParameters("team/app", DIGEST, "v1.2", "app-pipeline", "e-1", "CRITICAL",
                "ops/policy.yaml", "reports/clair.json"));
    }

    @Test
    void parse_scanReport_readsAnyFormatsReportPath() {
        UserParameters p = UserParameters.parse("{\"repository\":\"app\",\"imageDigest\":\"" + DIGEST + "\",\"scanReport\":\"reports/trivy.json\"}");

        assertThat(p.scanReport()).isEqualTo("reports/trivy.json");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|UserParameters is empty",
            "not json|UserParameters is not valid JSON",
            "[1]|UserParameters must be a JSON object",
            "{\"imageDigest\":\"" + DIGEST + "\"}|UserParameters.repository is required",
            "{\"repository\":\"App_Upper\",\"imageTag\":\"x\"}|is not an ECR repository name",
            "{\"repository\":\"app\"}|needs imageDigest",
            "{\"repository\":\"app\",\"imageDigest\":\"sha256:abc\"}|is not a digest like sha256",
            "{\"repository\":\"app\",\"imageDigest\":\"#{BuildVariables.IMAGE_DIGEST}\"}|still holds an unresolved variable",
            "{\"repository\":\"app\",\"imageTag\":\"x\",\"digest\":\"y\"}|unknown key 'digest'",
            "{\"repository\":\"app\",\"imageTag\":\"x\",\"failOnSeverity\":\"URGENT\"}|failOnSeverity 'URGENT' is not one of",
            "{\"repository\":\"app\",\"imageTag\":\"x\",\"policyFile\":\"../etc/passwd\"}|must be a relative path",
            "{\"repository\":\"app\",\"imageTag\":7}|UserParameters.imageTag must be a string",
            "{\"repository\":\"app\",\"imageDigest\":\"" + DIGEST + "\",\"repository\":\"other\"}|duplicate key 'repository'",
            "{\"repository\":\"app\",\"imageDigest\":\"" + DIGEST + "\",\"scanReport\":\"a.json\",\"clairReport\":\"b.json\"}|both scanReport and clairReport"
    })
    void parse_badParameters_isConfigurationErrorNamingTheProblem(String json, String expected) {
        assertThatThrownBy(() -> UserParameters.parse(json))
                .isInstanceOfSatisfying(GateFailure.class, f -> assertThat(f.type()).isEqualTo(FailureType.ConfigurationError))
                .hasMessageContaining(expected);
    }
}
