package dev.shipgate.gate;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.FixState;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Floor;
import dev.shipgate.gate.policy.Policy;
import dev.shipgate.gate.report.FindingsReport;
import dev.shipgate.gate.report.HtmlReport;
import dev.shipgate.gate.report.SarifReport;
import dev.shipgate.gate.verdict.Evaluation;
import dev.shipgate.gate.verdict.Evaluator;
import dev.shipgate.gate.verdict.Subject;
import dev.shipgate.gate.verdict.VerdictReport;
import dev.shipgate.gate.verdict.VerdictSummary;
import dev.shipgate.shared.json.JsonTree;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark entry point (not a test): how long scan-gate takes, warm, to judge N findings, the way it does after
 * reading a scan: evaluate against a policy with exceptions, then build the failure message, the execution summary
 * and the verdict JSON. Prints one JSON line per size: {@code {"findings":N,"p50Ms":x,"p99Ms":y,"iterations":k}}, plus,
 * timed apart so they stay out of that target, the findings report the gate writes after judging (HTML and SARIF):
 * {@code "reportP50Ms"}, {@code "htmlBytes"}, {@code "sarifBytes"}.
 * <p>
 * Usage: {@code java -cp <scan-gate test-jar>:<scan-gate jar>:<runtime deps> dev.shipgate.gate.EvaluationBenchmark [sizes...]}
 * (default sizes 1000 10000 100000).
 */
public final class EvaluationBenchmark {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final String[] SEVERITIES = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED", "UNTRIAGED"};
    /** Rough shape of a real distro image: few critical, many medium/low. Percentages per SEVERITIES entry. */
    private static final int[] WEIGHTS = {2, 10, 30, 30, 18, 8, 2};

    private EvaluationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[]{1000, 10000, 100000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Policy policy = policy();
        Subject subject = new Subject("bench-pipeline", "exec", "job", "bench", "sha256:" + "0".repeat(64), null);
        for (int size : sizes) {
            List<Finding> findings = findings(size, new Random(size));
            long sink = 0;
            long warmupEnd = System.nanoTime() + 2_000_000_000L;
            int warmups = 0;
            while (System.nanoTime() < warmupEnd || warmups < 20) {
                sink += run(findings, policy, subject);
                warmups++;
            }
            int iterations = Math.max(30, Math.min(1000, 5_000_000 / size));
            long[] nanos = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                sink += run(findings, policy, subject);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            FindingsReport report = report(findings, policy, subject);
            int reportIterations = Math.max(5, Math.min(200, 500_000 / size));
            long[] reportNanos = new long[reportIterations];
            int[] bytes = new int[2];
            for (int i = 0; i < reportIterations + 3; i++) {
                long start = System.nanoTime();
                bytes[0] = HtmlReport.render(report).length;
                bytes[1] = SarifReport.render(report).length;
                if (i >= 3) {
                    reportNanos[i - 3] = System.nanoTime() - start;
                }
            }
            Arrays.sort(reportNanos);
            if (sink == 42) {
                System.err.println("unlikely");
            }
            System.out.printf("{\"findings\":%d,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"iterations\":%d,\"reportP50Ms\":%.3f,"
                            + "\"htmlBytes\":%d,\"sarifBytes\":%d}%n", size,
                    nanos[iterations / 2] / 1e6, nanos[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)] / 1e6, iterations,
                    reportNanos[reportIterations / 2] / 1e6, bytes[0], bytes[1]);
        }
    }

    private static long run(List<Finding> findings, Policy policy, Subject subject) throws Exception {
        Evaluation evaluation = Evaluator.evaluate(findings, policy, TODAY, List.of());
        String message = VerdictReport.failureMessage(evaluation, subject);
        String summary = VerdictReport.successSummary(evaluation, subject);
        String json = JsonTree.write(VerdictSummary.of(subject, ScanSource.ECR_ENHANCED, evaluation, summary).toJson());
        return message.length() + json.length() + evaluation.blocking().size();
    }

    private static FindingsReport report(List<Finding> findings, Policy policy, Subject subject) {
        Evaluation evaluation = Evaluator.evaluate(findings, policy, TODAY, List.of());
        return new FindingsReport(subject, evaluation.verdict(), VerdictReport.headline(evaluation, subject), policy,
                List.of(new FindingsReport.Part(null, subject.imageDigest(), ScanSource.ECR_ENHANCED, evaluation)),
                Instant.parse("2026-11-27T12:00:00Z"));
    }

    private static Policy policy() {
        List<ExceptionRule> exceptions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = "CVE-2024-" + (10000 + i * 37);
            String pkg = i % 3 == 0 ? "pkg-" + (i * 7 % 400) : null;
            LocalDate expires = i % 10 == 0 ? TODAY.minusDays(3) : TODAY.plusDays(5 + i);
            exceptions.add(new ExceptionRule(id, pkg, "reviewed in SEC-" + i, expires));
        }
        return new Policy(Floor.of("HIGH"), "HIGH", "HIGH", Map.of("MEDIUM", 500, "LOW", 1000), true, 4.0, exceptions, null, false, 90, "benchmark");
    }

    private static List<Finding> findings(int size, Random random) {
        List<Finding> findings = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String severity = severity(random.nextInt(100));
            String id = "CVE-" + (2015 + random.nextInt(11)) + "-" + (10000 + random.nextInt(40000));
            String pkg = "pkg-" + random.nextInt(400);
            FixState fix = switch (random.nextInt(4)) {
                case 0 -> FixState.NONE;
                case 1 -> FixState.UNKNOWN;
                default -> FixState.AVAILABLE;
            };
            Double cvss = random.nextInt(10) == 0 ? null : Math.round(random.nextDouble() * 100) / 10.0;
            findings.add(new Finding(id, severity, pkg, "1." + random.nextInt(30) + "." + random.nextInt(10),
                    fix == FixState.AVAILABLE ? "2.0." + random.nextInt(10) : null, fix, cvss, ScanSource.ECR_ENHANCED,
                    "https://security-tracker.debian.org/tracker/" + id));
        }
        return findings;
    }

    private static String severity(int roll) {
        int acc = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            acc += WEIGHTS[i];
            if (roll < acc) {
                return SEVERITIES[i];
            }
        }
        return SEVERITIES[SEVERITIES.length - 1];
    }
}
