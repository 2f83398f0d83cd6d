package dev.shipgate.gate.verdict;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Policy;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of judging findings against a policy.
 *
 * @param countsBefore per severity as the scanner named it, every finding
 * @param countsAfter  per severity as the scanner named it, findings left after active exceptions
 * @param blocking     findings that block, worst first
 * @param reasons      why the findings block, one line per rule broken
 * @param excepted     findings covered by an active exception
 * @param ignored      findings that cannot block because of ignoreWithoutFix or minCvss
 * @param rankedByRule findings whose severity the gate does not rank, with the severity they were judged at and why
 * @param judgements   every finding in the scanner's order, with what the policy made of it (for the findings report)
 */
public record Evaluation(VerdictKind verdict, Policy policy, int total, Map<String, Integer> countsBefore,
                         Map<String, Integer> countsAfter, List<Finding> blocking, List<String> reasons, int excepted,
                         int ignored, List<ExceptionRule> expired, List<ExceptionRule> unused,
                         List<ExceptionRule> expiringSoon, List<String> warnings, List<Ranked> rankedByRule,
                         List<Judgement> judgements) {

    /** The findings ranked by rule, looked up by identity (equal findings may have been reported twice). */
    public Map<Finding, Ranked> rankedByFinding() {
        Map<Finding, Ranked> byFinding = new IdentityHashMap<>();
        rankedByRule.forEach(r -> byFinding.put(r.finding(), r));
        return byFinding;
    }
}
