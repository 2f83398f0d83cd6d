package dev.shipgate.gate.verdict;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.FixState;
import dev.shipgate.gate.finding.Severity;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Judges findings against a policy. Order of rules for one finding: an active exception removes it; then
 * {@code ignoreWithoutFix} and {@code minCvss} make it harmless; what is left blocks when its severity is listed
 * in {@code maxCounts} and that count is exceeded, or, for severities not listed there, when it is at or above
 * {@code failOnSeverity}. Linear in the number of findings (exceptions are looked up by id).
 */
public final class Evaluator {

    static final int EXPIRING_SOON_DAYS = 7;

    private Evaluator() {
    }

    public static Evaluation evaluate(List<Finding> findings, Policy policy, LocalDate today, List<String> warnings) {
        Map<String, List<ExceptionRule>> activeById = new HashMap<>();
        List<ExceptionRule> expired = new ArrayList<>();
        List<ExceptionRule> expiringSoon = new ArrayList<>();
        for (ExceptionRule rule : policy.exceptions()) {
            if (rule.expiredOn(today)) {
                expired.add(rule);
            } else {
                activeById.computeIfAbsent(rule.id().toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(rule);
                if (!rule.expires().isAfter(today.plusDays(EXPIRING_SOON_DAYS))) {
                    expiringSoon.add(rule);
                }
            }
        }
        Set<ExceptionRule> used = Collections.newSetFromMap(new IdentityHashMap<>());
        int threshold = Severity.rank(policy.failOnSeverity());
        List<Finding> remaining = new ArrayList<>(findings.size());
        List<Finding> candidates = new ArrayList<>();
        int excepted = 0;
        int ignored = 0;
        for (Finding finding : findings) {
            ExceptionRule rule = match(activeById, finding);
            if (rule != null) {
                used.add(rule);
                excepted++;
                continue;
            }
            remaining.add(finding);
            if (policy.ignoreWithoutFix() && finding.fix() == FixState.NONE
                    || policy.minCvss() != null && finding.cvss() != null && finding.cvss() < policy.minCvss()) {
                ignored++;
            } else {
                candidates.add(finding);
            }
        }

        Map<String, Integer> candidateCounts = Severity.count(candidates);
        List<Finding> blocking = new ArrayList<>();
        for (Finding finding : candidates) {
            Integer max = policy.maxCounts().get(finding.severity());
            boolean blocks = max != null ? candidateCounts.get(finding.severity()) > max
                    : finding.rank() >= threshold && finding.rank() > 0;
            if (blocks) {
                blocking.add(finding);
            }
        }
        blocking.sort(Severity.WORST_FIRST);

        List<String> reasons = new ArrayList<>();
        long overThreshold = blocking.stream().filter(f -> !policy.maxCounts().containsKey(f.severity())).count();
        if (overThreshold > 0) {
            reasons.add(overThreshold + " finding" + (overThreshold == 1 ? "" : "s") + " at or above " + policy.failOnSeverity());
        }
        policy.maxCounts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int n = candidateCounts.getOrDefault(e.getKey(), 0);
            if (n > e.getValue()) {
                reasons.add(e.getKey() + ": " + n + " findings, policy allows " + e.getValue());
            }
        });

        List<ExceptionRule> unused = policy.exceptions().stream()
                .filter(r -> !r.expiredOn(today) && !used.contains(r)).toList();
        VerdictKind verdict = blocking.isEmpty() ? VerdictKind.PASS
                : policy.auditUntil() != null && !today.isAfter(policy.auditUntil()) ? VerdictKind.AUDIT
                : VerdictKind.FAIL;
        return new Evaluation(verdict, policy, findings.size(), Severity.count(findings), Severity.count(remaining),
                List.copyOf(blocking), List.copyOf(reasons), excepted, ignored, List.copyOf(expired), unused,
                List.copyOf(expiringSoon), List.copyOf(warnings));
    }

    private static ExceptionRule match(Map<String, List<ExceptionRule>> activeById, Finding finding) {
        List<ExceptionRule> rules = activeById.get(finding.id().toUpperCase(Locale.ROOT));
        if (rules == null) {
            return null;
        }
        for (ExceptionRule rule : rules) {
            if (rule.matches(finding.id(), finding.packageName())) {
                return rule;
            }
        }
        return null;
    }
}
