package dev.shipgate.gate.verdict;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.FixState;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Floor;
import dev.shipgate.gate.policy.Policy;
import dev.shipgate.shared.json.JsonTree;
import dev.shipgate.testing.Json;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictReportTest {

    static final LocalDate TODAY = EvaluatorTest.TODAY;
    static final Subject SUBJECT = new Subject("app-pipeline", "exec-1", "job-1", "app", "sha256:" + "b".repeat(64), null);

    @Test
    void failureMessage_manyFindings_staysWithin5000AndListsWorstFirst() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            findings.add(EvaluatorTest.finding("CVE-2024-" + (1000 + i), i % 3 == 0 ? "CRITICAL" : "HIGH", "package-" + i, FixState.AVAILABLE, 7.0 + (i % 30) / 10.0));
        }
        ExceptionRule expired = new ExceptionRule("CVE-2020-1", "old", "r", TODAY.minusDays(2));
        ExceptionRule unused = new ExceptionRule("CVE-2020-2", null, "r", TODAY.plusDays(40));
        Policy policy = new Policy(Floor.of("HIGH"), "HIGH", "HIGH", Map.of(), false, null, List.of(expired, unused), null, false, 90, ".shipgate/policy.yaml");
        Evaluation e = Evaluator.evaluate(findings, policy, TODAY, List.of());

        String message = VerdictReport.failureMessage(e, SUBJECT);

        assertThat(message.length()).isLessThanOrEqualTo(VerdictReport.MAX_FAILURE_MESSAGE);
        assertThat(message).startsWith("Deploy blocked: app@sha256:bbbb");
        assertThat(message).contains("500 findings at or above HIGH");
        assertThat(message).contains("Counts before exceptions: CRITICAL 167, HIGH 333, MEDIUM 0, LOW 0, INFORMATIONAL 0, UNDEFINED 0");
        assertThat(message).contains("Expired exceptions (no longer applied): CVE-2020-1 (old) expires " + TODAY.minusDays(2));
        assertThat(message).contains("Unused exceptions (matched nothing; remove them): CVE-2020-2");
        assertThat(message).containsPattern("\\.\\.\\. and \\d+ more");
        String first = message.lines().filter(l -> l.startsWith("- ")).findFirst().orElseThrow();
        assertThat(first).contains("CRITICAL (CVSS 9.7)").contains("fixed in 1.1").contains("https://nvd.nist.gov/vuln/detail/");
    }

    @Test
    void successSummary_auditVerdict_namesWhatWouldBlockAndStaysWithin2048() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            findings.add(EvaluatorTest.finding("CVE-2025-" + i, "CRITICAL", "p" + i, FixState.NONE, 9.0));
        }
        Policy policy = new Policy(Floor.of("HIGH"), "HIGH", "HIGH", Map.of(), false, null, List.of(), TODAY.plusDays(10), false, 90, "p");
        Evaluation e = Evaluator.evaluate(findings, policy, TODAY, List.of("a warning"));

        String summary = VerdictReport.successSummary(e, SUBJECT);

        assertThat(summary.length()).isLessThanOrEqualTo(VerdictReport.MAX_SUMMARY);
        assertThat(summary).startsWith("AUDIT: app@sha256:").contains("audit mode until " + TODAY.plusDays(10)).contains("Would block: CVE-2025-");
    }

    @Test
    void verdictSummary_json_matchesTheNotifierContract() throws Exception {
        Evaluation e = Evaluator.evaluate(List.of(EvaluatorTest.finding("CVE-1", "CRITICAL", "openssl", FixState.AVAILABLE, 9.8)),
                Policy.defaults("HIGH"), TODAY, List.of());

        String json = JsonTree.write(VerdictSummary.of(SUBJECT, ScanSource.ECR_ENHANCED, e, "FAIL: x").toJson());

        var node = Json.MAPPER.readTree(json);
        assertThat(node.path("type").asText()).isEqualTo("shipgate.scan-gate.verdict");
        assertThat(node.path("version").asInt()).isEqualTo(1);
        assertThat(node.path("scanSource").asText()).isEqualTo("ECR_ENHANCED");
        assertThat(node.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(node.path("counts").path("CRITICAL").asInt()).isEqualTo(1);
        assertThat(node.path("blockingCount").asInt()).isEqualTo(1);
        assertThat(node.path("blocking").get(0).path("package").asText()).isEqualTo("openssl");
        assertThat(node.path("blocking").get(0).path("fixedIn").asText()).isEqualTo("1.1");
        assertThat(node.has("imageTag")).isFalse();
        assertThat(node.path("expiredExceptions").isArray()).isTrue();
    }
}
