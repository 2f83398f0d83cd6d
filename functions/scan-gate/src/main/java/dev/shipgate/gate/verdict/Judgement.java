package dev.shipgate.gate.verdict;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.policy.ExceptionRule;

/**
 * What the policy made of one finding: the severity it was judged at, whether it blocks, and if not, why not.
 *
 * @param exception the active exception that covers it ({@link Disposition#EXCEPTED}), else null
 */
public record Judgement(Finding finding, Ranked ranked, Disposition disposition, ExceptionRule exception) {

    /** Why a finding blocks or does not; each says so in words a developer reads in the findings report. */
    public enum Disposition {
        BLOCKING("Blocking", "blocks the deploy"),
        EXCEPTED("Excepted", "covered by an active exception"),
        IGNORED_WITHOUT_FIX("Ignored", "below the floor and the scanner says no fix exists (ignoreWithoutFix)"),
        IGNORED_LOW_CVSS("Ignored", "below the floor with a CVSS score under minCvss"),
        TOLERATED("Tolerated", "within the maxCounts allowance for its severity"),
        BELOW_THRESHOLD("Below threshold", "milder than failOnSeverity");

        private final String label;
        private final String why;

        Disposition(String label, String why) {
            this.label = label;
            this.why = why;
        }

        public String label() {
            return label;
        }

        public String why() {
            return why;
        }
    }
}
