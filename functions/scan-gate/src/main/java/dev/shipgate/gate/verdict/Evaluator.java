package dev.shipgate.gate.verdict;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.FixState;
import dev.shipgate.gate.finding.Severity;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges findings against a policy. Each finding is first ranked: its scanner's severity when it is one of the five
 * ordered levels, else (UNDEFINED, UNTRIAGED, Clair's Unknown, anything new) by its CVSS score in the CVSS v3 bands,
 * else at the policy's unscored severity. Then, for one finding: an active exception removes it; a finding ranked at
 * or above the stack's floor blocks, whatever else the policy says; below the floor, {@code ignoreWithoutFix} and
 * {@code minCvss} make it harmless, and what is left blocks when its rank is listed in {@code maxCounts} and that
 * count is exceeded, or otherwise when it is at or above {@code failOnSeverity}. Linear in the number of findings
 * (exceptions are looked up by id).
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
        int floor = policy.floor().rank();
        int threshold = Math.min(Severity.rank(policy.failOnSeverity()), floor);
        List<Ranked> byRule = new ArrayList<>();
        List<Finding> remaining = new ArrayList<>(findings.size());
        List<Ranked> candidates = new ArrayList<>();
        Judgement[] judgements = new Judgement[findings.size()];
        int[] candidateIndex = new int[findings.size()];
        int excepted = 0;
        int ignored = 0;
        for (int i = 0; i < judgements.length; i++) {
            Finding finding = findings.get(i);
            Ranked ranked = Ranked.of(finding, policy.unscoredSeverity());
            if (ranked.why() != null) {
                byRule.add(ranked);
            }
            ExceptionRule rule = match(activeById, finding);
            if (rule != null) {
                used.add(rule);
                excepted++;
                judgements[i] = new Judgement(finding, ranked, Judgement.Disposition.EXCEPTED, rule);
                continue;
            }
            remaining.add(finding);
            boolean belowFloor = ranked.rank() < floor;
            if (belowFloor && policy.ignoreWithoutFix() && finding.fix() == FixState.NONE) {
                ignored++;
                judgements[i] = new Judgement(finding, ranked, Judgement.Disposition.IGNORED_WITHOUT_FIX, null);
            } else if (belowFloor && policy.minCvss() != null && finding.cvss() != null && finding.cvss() < policy.minCvss()) {
                ignored++;
                judgements[i] = new Judgement(finding, ranked, Judgement.Disposition.IGNORED_LOW_CVSS, null);
            } else {
                candidateIndex[candidates.size()] = i;
                candidates.add(ranked);
            }
        }

        Map<String, Integer> candidateCounts = new HashMap<>();
        candidates.forEach(r -> candidateCounts.merge(r.severity(), 1, Integer::sum));
        List<Ranked> blocking = new ArrayList<>();
        int overThreshold = 0;
        for (int c = 0; c < candidates.size(); c++) {
            Ranked ranked = candidates.get(c);
            Integer max = ranked.rank() >= floor ? null : policy.maxCounts().get(ranked.severity());
            Judgement.Disposition disposition;
            if (max != null) {
                disposition = candidateCounts.get(ranked.severity()) > max ? Judgement.Disposition.BLOCKING : Judgement.Disposition.TOLERATED;
            } else if (ranked.rank() >= threshold) {
                disposition = Judgement.Disposition.BLOCKING;
                overThreshold++;
            } else {
                disposition = Judgement.Disposition.BELOW_THRESHOLD;
            }
            if (disposition == Judgement.Disposition.BLOCKING) {
                blocking.add(ranked);
            }
            judgements[candidateIndex[c]] = new Judgement(ranked.finding(), ranked, disposition, null);
        }
        blocking.sort(WORST_FIRST);

        List<String> reasons = new ArrayList<>();
        if (overThreshold > 0) {
            reasons.add(overThreshold + " finding" + (overThreshold == 1 ? "" : "s") + " at or above "
                    + Severity.ORDERED.get(Severity.ORDERED.size() - threshold));
        }
        policy.maxCounts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int n = Severity.rank(e.getKey()) >= floor ? 0 : candidateCounts.getOrDefault(e.getKey(), 0);
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
                blocking.stream().map(Ranked::finding).toList(), List.copyOf(reasons), excepted, ignored, List.copyOf(expired),
                unused, List.copyOf(expiringSoon), List.copyOf(warnings), List.copyOf(byRule), List.of(judgements));
    }

    /** Worst first by the rank the gate judged, then as {@link Severity#WORST_FIRST}. */
    private static final Comparator<Ranked> WORST_FIRST = Comparator.comparingInt(Ranked::rank).reversed()
            .thenComparing(Ranked::finding, Severity.WORST_FIRST);

    private static ExceptionRule match(Map<String, List<ExceptionRule>> activeById, Finding finding) {
        if (!finding.hasId()) {
            return null;
        }
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
