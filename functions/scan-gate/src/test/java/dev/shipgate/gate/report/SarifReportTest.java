package dev.shipgate.gate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.shipgate.testing.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate's SARIF against the official SARIF 2.1.0 schema (src/test/resources/sarif, see SOURCES.md there). */
class SarifReportTest {

    private static final Schema SARIF_2_1_0 = schema();

    private static Schema schema() {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException("the SARIF 2.1.0 schema must be on the test classpath", e);
        }
    }

    private static List<String> problems(JsonNode sarif) {
        List<String> problems = new ArrayList<>();
        for (Error error : SARIF_2_1_0.validate(sarif)) {
            problems.add(error.toString());
        }
        return problems;
    }

    @Test
    void render_judgedImage_validatesAgainstTheSarif210Schema() throws Exception {
        JsonNode sarif = Json.MAPPER.readTree(SarifReport.render(ReportFixtures.report()));

        assertThat(problems(sarif)).isEmpty();
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).isEqualTo(SarifReport.SCHEMA);
    }

    @Test
    void schema_rejectsWhatSarifForbids_soTheValidationAboveCanFail() throws Exception {
        JsonNode sarif = Json.MAPPER.readTree(SarifReport.render(ReportFixtures.report()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) sarif.at("/runs/0/results/0")).put("level", "fatal");
        ((com.fasterxml.jackson.databind.node.ObjectNode) sarif).put("verdict", "PASS");

        assertThat(problems(sarif)).hasSize(2);
    }

    @Test
    void render_eachFindingIsAResult_blockingAsErrors_exceptedAsAcceptedSuppressions() throws Exception {
        JsonNode run = Json.MAPPER.readTree(SarifReport.render(ReportFixtures.report())).path("runs").path(0);
        JsonNode results = run.path("results");

        assertThat(results).hasSize(6);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("shipgate scan-gate");
        assertThat(run.at("/tool/driver/rules")).hasSize(6);
        JsonNode critical = results.path(0);
        assertThat(critical.path("ruleId").asText()).isEqualTo("CVE-2024-5535");
        assertThat(critical.path("level").asText()).isEqualTo("error");
        assertThat(critical.at("/properties/fixedIn").asText()).isEqualTo("3.0.14");
        assertThat(critical.at("/properties/security-severity").asText()).isEqualTo("9.1");
        assertThat(run.at("/tool/driver/rules/" + critical.path("ruleIndex").asInt() + "/id").asText()).isEqualTo("CVE-2024-5535");
        JsonNode excepted = results.path(2);
        assertThat(excepted.path("ruleId").asText()).isEqualTo("CVE-2023-0002");
        assertThat(excepted.path("level").asText()).isEqualTo("warning");
        assertThat(excepted.at("/suppressions/0/status").asText()).isEqualTo("accepted");
        assertThat(excepted.at("/suppressions/0/justification").asText()).startsWith("not reachable");
        assertThat(results.path(3).path("level").asText()).isEqualTo("note");
        assertThat(results.path(4).at("/properties/judgedSeverity").asText()).isEqualTo("CRITICAL");
        assertThat(results.path(4).path("level").asText()).isEqualTo("error");
        assertThat(run.at("/tool/driver/rules/1/helpUri").isMissingNode()).isTrue();
    }

    @Test
    void render_runCarriesVerdictImagePolicyWithFloorAndExceptions() throws Exception {
        JsonNode properties = Json.MAPPER.readTree(SarifReport.render(ReportFixtures.report())).at("/runs/0/properties");

        assertThat(properties.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(properties.at("/image/digest").asText()).isEqualTo(ReportFixtures.DIGEST);
        assertThat(properties.path("scanSource").asText()).isEqualTo("ECR_ENHANCED");
        assertThat(properties.at("/policy/floor/failOnSeverity").asText()).isEqualTo("HIGH");
        assertThat(properties.at("/policy/exceptions")).hasSize(3);
        assertThat(properties.at("/exceptions/expired/0/id").asText()).isEqualTo("CVE-2020-0001");
        assertThat(properties.at("/exceptions/unused/0/id").asText()).isEqualTo("CVE-2021-0009");
        assertThat(properties.path("blocking").asInt()).isEqualTo(3);
    }

    @Test
    void render_tenThousandFindings_writesEveryResult() throws Exception {
        JsonNode sarif = Json.MAPPER.readTree(SarifReport.render(ReportFixtures.report(ReportFixtures.many(10_000))));

        assertThat(sarif.at("/runs/0/results")).hasSize(10_000);
        assertThat(sarif.at("/runs/0/tool/driver/rules")).hasSize(10_000);
    }
}
