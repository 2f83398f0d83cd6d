package dev.shipgate.gate;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.policy.Policy;
import dev.shipgate.gate.scan.ImageIndex;
import dev.shipgate.gate.verdict.Evaluation;
import dev.shipgate.gate.verdict.Evaluator;
import dev.shipgate.gate.verdict.Subject;
import dev.shipgate.gate.verdict.VerdictKind;
import dev.shipgate.gate.verdict.VerdictReport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict on an image index: each platform judged on its own under the same policy (so {@code maxCounts} counts
 * per platform), all must pass. Texts list the findings platform by platform.
 */
record PlatformVerdicts(Subject index, List<Judged> platforms) {

    /** A platform whose scan is ready to judge. */
    record Scanned(ImageIndex.Platform platform, ScanSource source, List<Finding> findings, String warning) {
    }

    /** A platform's evaluation, and the subject (its own manifest digest) its texts name. */
    record Judged(ImageIndex.Platform platform, ScanSource source, Evaluation evaluation, Subject subject) {
    }

    static PlatformVerdicts judge(List<Scanned> scanned, Policy policy, Subject index, LocalDate today) {
        List<Judged> judged = new ArrayList<>(scanned.size());
        for (Scanned s : scanned) {
            List<String> warnings = s.warning() == null ? List.of() : List.of(s.warning());
            judged.add(new Judged(s.platform(), s.source(), Evaluator.evaluate(s.findings(), policy, today, warnings),
                    index.withDigest(s.platform().digest())));
        }
        return new PlatformVerdicts(index, List.copyOf(judged));
    }

    /** FAIL when any platform fails; AUDIT when none fails and one is in audit; else PASS. */
    VerdictKind verdict() {
        return worst().evaluation().verdict();
    }

    /** The first failing platform, else the first in audit, else the first. */
    Judged worst() {
        for (VerdictKind kind : List.of(VerdictKind.FAIL, VerdictKind.AUDIT)) {
            for (Judged p : platforms) {
                if (p.evaluation().verdict() == kind) {
                    return p;
                }
            }
        }
        return platforms.getFirst();
    }

    Map<String, String> platformVerdicts() {
        Map<String, String> out = new LinkedHashMap<>();
        platforms.forEach(p -> out.put(p.platform().name(), p.evaluation().verdict().name()));
        return out;
    }

    String headline() {
        StringBuilder out = new StringBuilder(verdict().name()).append(": image index ").append(index.image()).append(", ")
                .append(platforms.size()).append(" platforms");
        for (Judged p : platforms) {
            out.append(" | ").append(p.platform().name()).append(' ').append(VerdictReport.headline(p.evaluation(), p.subject()));
        }
        return out.toString();
    }

    /** Every failing platform's blocking findings, then one line per platform that passes (≤ 5000). */
    String failureMessage() {
        List<Judged> failing = platforms.stream().filter(p -> p.evaluation().verdict() == VerdictKind.FAIL).toList();
        StringBuilder out = new StringBuilder("Deploy blocked: image index ").append(index.image()).append(": ")
                .append(failing.size()).append(" of ").append(platforms.size()).append(" platforms break the policy (")
                .append(String.join(", ", failing.stream().map(p -> p.platform().name()).toList())).append(").\n");
        for (Judged p : platforms) {
            if (p.evaluation().verdict() != VerdictKind.FAIL) {
                out.append("[").append(p.platform().name()).append("] ").append(VerdictReport.headline(p.evaluation(), p.subject()))
                        .append('\n');
            }
        }
        int budget = (VerdictReport.MAX_FAILURE_MESSAGE - out.length()) / failing.size() - 20;
        for (Judged p : failing) {
            out.append("[").append(p.platform().name()).append("] ")
                    .append(VerdictReport.clip(VerdictReport.failureMessage(p.evaluation(), p.subject()), Math.max(200, budget)))
                    .append('\n');
        }
        return VerdictReport.clip(out.toString().strip(), VerdictReport.MAX_FAILURE_MESSAGE);
    }

    String successSummary() {
        StringBuilder out = new StringBuilder(verdict().name()).append(": image index ").append(index.image());
        for (Judged p : platforms) {
            out.append(" | [").append(p.platform().name()).append("] ").append(VerdictReport.successSummary(p.evaluation(), p.subject()));
        }
        return VerdictReport.clip(out.toString(), VerdictReport.MAX_SUMMARY);
    }

    /**
     * The verified image is the index (what Test and Deploy pull; the runtime picks its platform); counts are summed
     * over the platforms; the overall verdict; the platforms judged.
     */
    Map<String, String> outputVariables(String repositoryUri) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Judged p : platforms) {
            GateService.outputVariables(p.evaluation(), repositoryUri, index.imageDigest()).forEach((key, value) -> {
                if (value.matches("\\d+")) {
                    variables.merge(key, value, (a, b) -> String.valueOf(Integer.parseInt(a) + Integer.parseInt(b)));
                } else {
                    variables.put(key, value);
                }
            });
        }
        variables.put("verdict", verdict().name());
        variables.put("platforms", String.join(",", platforms.stream().map(p -> p.platform().name()).toList()));
        return variables;
    }

    /** The counts remembered for one platform in the continuation token, or null. */
    static Map<String, Integer> countsOf(Map<String, Integer> all, String platform) {
        Map<String, Integer> counts = null;
        String prefix = platform + " ";
        for (Map.Entry<String, Integer> entry : all.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                counts = counts == null ? new LinkedHashMap<>() : counts;
                counts.put(entry.getKey().substring(prefix.length()), entry.getValue());
            }
        }
        if (counts == null && all.containsKey(platform)) {
            return Map.of();
        }
        return counts;
    }

    /** Remembers a platform's counts; an empty map is kept as the bare platform name so "zero counts" survives. */
    static void putCounts(Map<String, Integer> all, String platform, Map<String, Integer> counts) {
        if (counts == null) {
            return;
        }
        if (counts.isEmpty()) {
            all.put(platform, 0);
        }
        counts.forEach((severity, count) -> all.put(platform + " " + severity, count));
    }
}
