package dev.shipgate.gate.verdict;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.FixState;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Floor;
import dev.shipgate.gate.policy.Policy;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluatorTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    static Finding finding(String id, String severity, String pkg, FixState fix, Double cvss) {
        return new Finding(id, severity, pkg, "1.0", fix == FixState.AVAILABLE ? "1.1" : null, fix, cvss, ScanSource.ECR_ENHANCED,
                "https://nvd.nist.gov/vuln/detail/" + id);
    }

    /** A policy under the mildest floor (CRITICAL), so the rules below it can be seen at work. */
    static Policy policy(String failOn, Map<String, Integer> maxCounts, boolean ignoreWithoutFix, Double minCvss,
                         List<ExceptionRule> exceptions, LocalDate auditUntil) {
        return policy(Floor.of("CRITICAL"), failOn, maxCounts, ignoreWithoutFix, minCvss, exceptions, auditUntil);
    }

    static Policy policy(Floor floor, String failOn, Map<String, Integer> maxCounts, boolean ignoreWithoutFix, Double minCvss,
                         List<ExceptionRule> exceptions, LocalDate auditUntil) {
        return new Policy(floor, failOn, floor.unscoredSeverity(), maxCounts, ignoreWithoutFix, minCvss, exceptions, auditUntil,
                false, 90, "test");
    }

    @Test
    void evaluate_findingAtThreshold_blocks() {
        List<Finding> findings = List.of(finding("CVE-1", "HIGH", "openssl", FixState.AVAILABLE, 7.5),
                finding("CVE-2", "MEDIUM", "zlib", FixState.AVAILABLE, 5.0));

        Evaluation e = Evaluator.evaluate(findings, Policy.defaults("HIGH"), TODAY, List.of());

        assertThat(e.verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(e.blocking()).extracting(Finding::id).containsExactly("CVE-1");
        assertThat(e.reasons()).containsExactly("1 finding at or above HIGH");
    }

    @Test
    void evaluate_onlyBelowThreshold_passes() {
        Evaluation e = Evaluator.evaluate(List.of(finding("CVE-2", "MEDIUM", "zlib", FixState.AVAILABLE, 5.0)),
                Policy.defaults("HIGH"), TODAY, List.of());

        assertThat(e.verdict()).isEqualTo(VerdictKind.PASS);
        assertThat(e.blocking()).isEmpty();
    }

    @Test
    void evaluate_unrankedSeverities_areJudgedByCvssBandsElseAtTheUnscoredSeverity() {
        List<Finding> findings = List.of(finding("CVE-3", "UNTRIAGED", "a", FixState.UNKNOWN, 9.8),
                finding("CVE-4", "UNDEFINED", "b", FixState.UNKNOWN, null),
                finding("CVE-5", "SOMETHING_NEW", "c", FixState.UNKNOWN, 0.0),
                finding("CVE-6", "UNKNOWN", "d", FixState.UNKNOWN, 5.3),
                finding("CVE-7", "UNTRIAGED", "e", FixState.UNKNOWN, 7.0));

        Evaluation e = Evaluator.evaluate(findings, Policy.defaults("HIGH"), TODAY, List.of());

        assertThat(e.verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(e.blocking()).extracting(Finding::id).containsExactly("CVE-3", "CVE-7", "CVE-5", "CVE-4");
        assertThat(e.reasons()).containsExactly("4 findings at or above HIGH");
        assertThat(e.rankedByRule()).extracting(Ranked::severity).containsExactly("CRITICAL", "HIGH", "HIGH", "MEDIUM", "HIGH");
        assertThat(e.rankedByRule()).extracting(Ranked::why).containsExactly(
                "UNTRIAGED with CVSS 9.8: judged CRITICAL by the CVSS v3 bands",
                "UNDEFINED without a CVSS score: judged HIGH (unscored severity)",
                "SOMETHING_NEW without a CVSS score: judged HIGH (unscored severity)",
                "UNKNOWN with CVSS 5.3: judged MEDIUM by the CVSS v3 bands",
                "UNTRIAGED with CVSS 7.0: judged HIGH by the CVSS v3 bands");
        assertThat(e.countsBefore()).containsEntry("UNDEFINED", 1).containsEntry("UNTRIAGED", 2).containsEntry("SOMETHING_NEW", 1)
                .containsEntry("CRITICAL", 0);
    }

    @Test
    void evaluate_unscoredSeverityOfTheStack_decidesFindingsWithoutScore() {
        List<Finding> findings = List.of(finding("CVE-4", "UNDEFINED", "b", FixState.UNKNOWN, null));

        Evaluation mild = Evaluator.evaluate(findings, Policy.defaults(new Floor("HIGH", "MEDIUM")), TODAY, List.of());
        Evaluation strict = Evaluator.evaluate(findings, Policy.defaults(new Floor("CRITICAL", "CRITICAL")), TODAY, List.of());

        assertThat(mild.verdict()).isEqualTo(VerdictKind.PASS);
        assertThat(mild.rankedByRule()).extracting(Ranked::severity).containsExactly("MEDIUM");
        assertThat(strict.verdict()).isEqualTo(VerdictKind.FAIL);
    }

    @Test
    void evaluate_findingsAtTheFloor_blockDespiteMaxCountsMinCvssAndIgnoreWithoutFix() {
        List<Finding> findings = List.of(finding("CVE-1", "CRITICAL", "a", FixState.NONE, 3.1),
                finding("CVE-2", "HIGH", "b", FixState.AVAILABLE, 2.0),
                finding("CVE-3", "UNTRIAGED", "c", FixState.NONE, null),
                finding("CVE-4", "MEDIUM", "d", FixState.NONE, 5.0));
        Policy loose = policy(Floor.of("HIGH"), "HIGH", Map.of("HIGH", 10, "CRITICAL", 10, "MEDIUM", 10), true, 9.0, List.of(), null);

        Evaluation e = Evaluator.evaluate(findings, loose, TODAY, List.of());

        assertThat(e.verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(e.blocking()).extracting(Finding::id).containsExactly("CVE-1", "CVE-2", "CVE-3");
        assertThat(e.ignored()).isEqualTo(1);
    }

    @Test
    void evaluate_exceptionNamingTheNoIdPlaceholder_neverMatchesFindingsWithoutId() {
        Finding noId = new Finding(null, "CRITICAL", "a", "1.0", null, FixState.UNKNOWN, 9.8, ScanSource.CLAIR, null);
        ExceptionRule rule = new ExceptionRule(Finding.NO_ID, null, "tries to hide every finding without an id", TODAY.plusDays(30));

        Evaluation e = Evaluator.evaluate(List.of(noId), policy("HIGH", Map.of(), false, null, List.of(rule), null), TODAY, List.of());

        assertThat(noId.id()).isEqualTo(Finding.NO_ID);
        assertThat(e.verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(e.excepted()).isZero();
        assertThat(e.unused()).containsExactly(rule);
    }

    @Test
    void evaluate_maxCountsExceeded_blocksThatSeverity() {
        List<Finding> findings = List.of(finding("CVE-1", "MEDIUM", "a", FixState.AVAILABLE, 5.0),
                finding("CVE-2", "MEDIUM", "b", FixState.AVAILABLE, 5.0), finding("CVE-3", "MEDIUM", "c", FixState.AVAILABLE, 5.0),
                finding("CVE-4", "LOW", "d", FixState.UNKNOWN, null));

        Evaluation e = Evaluator.evaluate(findings, policy("HIGH", Map.of("MEDIUM", 2, "LOW", 0), false, null, List.of(), null),
                TODAY, List.of());

        assertThat(e.verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(e.blocking()).extracting(Finding::id).containsExactly("CVE-1", "CVE-2", "CVE-3", "CVE-4");
        assertThat(e.reasons()).containsExactly("LOW: 1 findings, policy allows 0", "MEDIUM: 3 findings, policy allows 2");
    }

    @Test
    void evaluate_maxCountsOnBlockingSeverity_toleratesUpToTheCount() {
        List<Finding> findings = List.of(finding("CVE-1", "HIGH", "a", FixState.AVAILABLE, 7.0),
                finding("CVE-2", "HIGH", "b", FixState.AVAILABLE, 7.0));

        Evaluation within = Evaluator.evaluate(findings, policy("HIGH", Map.of("HIGH", 2), false, null, List.of(), null), TODAY, List.of());
        Evaluation over = Evaluator.evaluate(findings, policy("HIGH", Map.of("HIGH", 1), false, null, List.of(), null), TODAY, List.of());

        assertThat(within.verdict()).isEqualTo(VerdictKind.PASS);
        assertThat(over.verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(over.blocking()).hasSize(2);
    }

    @Test
    void evaluate_ignoreWithoutFix_dropsOnlyFindingsKnownToHaveNoFix() {
        List<Finding> findings = List.of(finding("CVE-1", "HIGH", "a", FixState.NONE, 8.8),
                finding("CVE-2", "HIGH", "b", FixState.UNKNOWN, 8.8),
                finding("CVE-3", "HIGH", "c", FixState.AVAILABLE, 8.8));

        Evaluation e = Evaluator.evaluate(findings, policy("HIGH", Map.of(), true, null, List.of(), null), TODAY, List.of());

        assertThat(e.blocking()).extracting(Finding::id).containsExactlyInAnyOrder("CVE-2", "CVE-3");
        assertThat(e.ignored()).isEqualTo(1);
    }

    @Test
    void evaluate_minCvss_dropsLowScoresButKeepsUnscored() {
        List<Finding> findings = List.of(finding("CVE-1", "HIGH", "a", FixState.AVAILABLE, 6.9),
                finding("CVE-2", "HIGH", "b", FixState.AVAILABLE, 7.0),
                finding("CVE-3", "HIGH", "c", FixState.AVAILABLE, null));

        Evaluation e = Evaluator.evaluate(findings, policy("HIGH", Map.of(), false, 7.0, List.of(), null), TODAY, List.of());

        assertThat(e.blocking()).extracting(Finding::id).containsExactly("CVE-2", "CVE-3");
        assertThat(e.ignored()).isEqualTo(1);
    }

    @Test
    void evaluate_activeException_removesFindingAndCountsAfter() {
        List<Finding> findings = List.of(finding("CVE-1", "CRITICAL", "openssl", FixState.AVAILABLE, 9.8));
        ExceptionRule rule = new ExceptionRule("cve-1", null, "not reachable", TODAY.plusDays(30));

        Evaluation e = Evaluator.evaluate(findings, policy("HIGH", Map.of(), false, null, List.of(rule), null), TODAY, List.of());

        assertThat(e.verdict()).isEqualTo(VerdictKind.PASS);
        assertThat(e.excepted()).isEqualTo(1);
        assertThat(e.countsBefore()).containsEntry("CRITICAL", 1);
        assertThat(e.countsAfter()).containsEntry("CRITICAL", 0);
        assertThat(e.unused()).isEmpty();
    }

    @Test
    void evaluate_packageScopedException_appliesOnlyToThatPackage() {
        List<Finding> findings = List.of(finding("CVE-1", "HIGH", "openssl", FixState.AVAILABLE, 7.5),
                finding("CVE-1", "HIGH", "libssl3", FixState.AVAILABLE, 7.5));
        ExceptionRule rule = new ExceptionRule("CVE-1", "openssl", "cli only", TODAY.plusDays(30));

        Evaluation e = Evaluator.evaluate(findings, policy("HIGH", Map.of(), false, null, List.of(rule), null), TODAY, List.of());

        assertThat(e.verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(e.blocking()).extracting(Finding::packageName).containsExactly("libssl3");
    }

    @Test
    void evaluate_expiredException_noLongerAppliesAndIsReported() {
        List<Finding> findings = List.of(finding("CVE-1", "HIGH", "openssl", FixState.AVAILABLE, 7.5));
        ExceptionRule expired = new ExceptionRule("CVE-1", null, "was fine", TODAY.minusDays(1));
        ExceptionRule lastDay = new ExceptionRule("CVE-9", null, "still valid today", TODAY);

        Evaluation e = Evaluator.evaluate(findings, policy("HIGH", Map.of(), false, null, List.of(expired, lastDay), null), TODAY, List.of());

        assertThat(e.verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(e.expired()).containsExactly(expired);
        assertThat(e.unused()).containsExactly(lastDay);
        assertThat(e.expiringSoon()).containsExactly(lastDay);
    }

    @Test
    void evaluate_exceptionsExpiringWithinSevenDays_areWarnedNotLater() {
        ExceptionRule soon = new ExceptionRule("CVE-1", null, "r", TODAY.plusDays(7));
        ExceptionRule later = new ExceptionRule("CVE-2", null, "r", TODAY.plusDays(8));

        Evaluation e = Evaluator.evaluate(List.of(finding("CVE-1", "LOW", "a", FixState.AVAILABLE, 1.0), finding("CVE-2", "LOW", "b", FixState.AVAILABLE, 1.0)),
                policy("HIGH", Map.of(), false, null, List.of(soon, later), null), TODAY, List.of());

        assertThat(e.expiringSoon()).containsExactly(soon);
        assertThat(e.unused()).isEmpty();
    }

    @Test
    void evaluate_auditUntilNotPassed_reportsAuditInsteadOfFail() {
        List<Finding> findings = List.of(finding("CVE-1", "CRITICAL", "a", FixState.AVAILABLE, 9.8));

        Evaluation audit = Evaluator.evaluate(findings, policy("HIGH", Map.of(), false, null, List.of(), TODAY), TODAY, List.of());
        Evaluation enforced = Evaluator.evaluate(findings, policy("HIGH", Map.of(), false, null, List.of(), TODAY.minusDays(1)), TODAY, List.of());

        assertThat(audit.verdict()).isEqualTo(VerdictKind.AUDIT);
        assertThat(audit.blocking()).hasSize(1);
        assertThat(enforced.verdict()).isEqualTo(VerdictKind.FAIL);
    }

    @Test
    void evaluate_blockingFindings_areSortedWorstFirst() {
        List<Finding> findings = List.of(finding("CVE-B", "HIGH", "a", FixState.AVAILABLE, 7.0),
                finding("CVE-A", "CRITICAL", "b", FixState.AVAILABLE, 9.0),
                finding("CVE-C", "HIGH", "c", FixState.AVAILABLE, 8.8),
                finding("CVE-D", "CRITICAL", "d", FixState.AVAILABLE, 9.8));

        Evaluation e = Evaluator.evaluate(findings, Policy.defaults("HIGH"), TODAY, List.of());

        assertThat(e.blocking()).extracting(Finding::id).containsExactly("CVE-D", "CVE-A", "CVE-C", "CVE-B");
    }
}
