package dev.shipgate.gate.report;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.FixState;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Floor;
import dev.shipgate.gate.policy.Policy;
import dev.shipgate.gate.verdict.Evaluation;
import dev.shipgate.gate.verdict.Evaluator;
import dev.shipgate.gate.verdict.Subject;
import dev.shipgate.gate.verdict.VerdictReport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A judged image for report tests: blocking, excepted, tolerated and below-threshold findings, an applied, an expired
 * and an unused exception, and one finding whose every text is an XSS payload (scanner text is attacker-influenced).
 */
final class ReportFixtures {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String XSS_ID = "CVE-2099-0001<script>document.body.setAttribute('data-pwned','id')</script>";
    static final String XSS_PACKAGE = "\"><img src=x onerror=\"document.title='pwned'\">";
    static final String XSS_VERSION = "1.0</td><td><b>bold</b>";
    static final String XSS_URI = "javascript:document.body.setAttribute('data-pwned','href')";
    static final String XSS_REASON = "</script><script>document.body.setAttribute('data-pwned','reason')</script>";
    static final Subject SUBJECT = new Subject("shop-pipeline", "3f6c1a2e-8b4d-4e0f-9a7c-5d2b1e9f0a11",
            "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "shop-api", DIGEST, "9fceb02");

    private ReportFixtures() {
    }

    static List<Finding> findings() {
        return List.of(
                new Finding("CVE-2024-5535", "CRITICAL", "openssl", "3.0.11", "3.0.14", FixState.AVAILABLE, 9.1,
                        ScanSource.ECR_ENHANCED, "https://nvd.nist.gov/vuln/detail/CVE-2024-5535"),
                new Finding(XSS_ID, "HIGH", XSS_PACKAGE, XSS_VERSION, null, FixState.UNKNOWN, 7.5, ScanSource.ECR_ENHANCED, XSS_URI),
                new Finding("CVE-2023-0002", "HIGH", "zlib", "1.2.13", "1.3", FixState.AVAILABLE, 8.1, ScanSource.ECR_ENHANCED,
                        "https://security-tracker.debian.org/tracker/CVE-2023-0002"),
                new Finding("CVE-2022-0003", "MEDIUM", "aaa-lib", "0.9", null, FixState.NONE, 5.0, ScanSource.ECR_ENHANCED, null),
                new Finding("CVE-2025-0004", "UNTRIAGED", "glibc", "2.36", null, FixState.UNKNOWN, 9.8, ScanSource.ECR_ENHANCED,
                        "https://security-tracker.debian.org/tracker/CVE-2025-0004", "UNTRIAGED"),
                new Finding("CVE-2021-0005", "LOW", "zz-top", "1", "2", FixState.AVAILABLE, 2.0, ScanSource.ECR_ENHANCED, null));
    }

    static Policy policy() {
        return new Policy(Floor.of("HIGH"), "HIGH", "HIGH", Map.of(), false, null, List.of(
                new ExceptionRule("CVE-2023-0002", "zlib", "not reachable: the image never inflates untrusted data", TODAY.plusDays(5)),
                new ExceptionRule("CVE-2020-0001", null, "old", TODAY.minusDays(2)),
                new ExceptionRule("CVE-2021-0009", null, XSS_REASON, TODAY.plusDays(40))),
                null, false, 90, ".shipgate/policy.yaml (artifact SourceOutput)");
    }

    static FindingsReport report() {
        return report(findings());
    }

    static FindingsReport report(List<Finding> findings) {
        Policy policy = policy();
        Evaluation evaluation = Evaluator.evaluate(findings, policy, TODAY, List.of());
        return new FindingsReport(SUBJECT, evaluation.verdict(), VerdictReport.headline(evaluation, SUBJECT), policy,
                List.of(new FindingsReport.Part(null, DIGEST, ScanSource.ECR_ENHANCED, evaluation)),
                Instant.parse("2026-12-03T16:40:00Z"));
    }

    /** {@code n} findings of every severity, package and fix state, as a large distro image has. */
    static List<Finding> many(int n) {
        String[] severities = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED"};
        List<Finding> findings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            findings.add(new Finding("CVE-2024-" + (10000 + i), severities[i % severities.length], "pkg-" + (i % 397),
                    "1." + (i % 31), i % 3 == 0 ? "2." + (i % 7) : null, i % 3 == 0 ? FixState.AVAILABLE : FixState.NONE,
                    (i % 100) / 10.0, ScanSource.ECR_ENHANCED, "https://security-tracker.debian.org/tracker/CVE-2024-" + (10000 + i)));
        }
        return findings;
    }
}
