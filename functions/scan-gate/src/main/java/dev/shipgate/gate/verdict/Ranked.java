package dev.shipgate.gate.verdict;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.Severity;

/**
 * The severity the gate judged a finding at. For the five ordered levels that is the scanner's own; for anything
 * else (UNDEFINED, UNTRIAGED, Clair's Unknown, a value newer than this code) it comes from the CVSS score, or, without
 * a score, from the policy's unscored severity, and {@code why} says which.
 *
 * @param why null when the scanner's severity was used as it is
 */
public record Ranked(Finding finding, String severity, String why) {

    public static Ranked of(Finding finding, String unscoredSeverity) {
        if (finding.ranked()) {
            return new Ranked(finding, finding.severity(), null);
        }
        String label = finding.scannerSeverity() == null || finding.scannerSeverity().isBlank()
                ? "no severity" : finding.scannerSeverity();
        String byScore = Severity.fromCvss(finding.cvss());
        if (byScore != null) {
            return new Ranked(finding, byScore, label + " with CVSS " + finding.cvss() + ": judged " + byScore
                    + " by the CVSS v3 bands");
        }
        return new Ranked(finding, unscoredSeverity, label + " without a CVSS score: judged " + unscoredSeverity
                + " (unscored severity)");
    }

    public int rank() {
        return Severity.rank(severity);
    }
}
