package dev.shipgate.gate.policy;

import dev.shipgate.gate.finding.Severity;

/**
 * What the stack owner sets (template parameters {@code FailOnSeverity}, {@code UnscoredSeverity} and
 * {@code AllowUnsupportedImage}): the repository's policy file may tighten it, never loosen it.
 *
 * @param failOnSeverity        findings at this severity or worse always block, unless a per-finding exception covers them
 * @param unscoredSeverity      how a finding is judged whose severity the gate does not rank and that has no CVSS score
 * @param allowUnsupportedImage whether an image nothing could scan may pass with a warning
 */
public record Floor(String failOnSeverity, String unscoredSeverity, boolean allowUnsupportedImage) {

    public static final String DEFAULT_UNSCORED_SEVERITY = "HIGH";

    public Floor {
        if (!Severity.isThreshold(failOnSeverity) || !Severity.isThreshold(unscoredSeverity)) {
            throw new IllegalArgumentException("a floor needs two of " + Severity.ORDERED + ", got " + failOnSeverity
                    + " and " + unscoredSeverity);
        }
    }

    /** A floor that never lets an unscannable image pass. */
    public Floor(String failOnSeverity, String unscoredSeverity) {
        this(failOnSeverity, unscoredSeverity, false);
    }

    /** A floor with the default unscored severity (HIGH). */
    public static Floor of(String failOnSeverity) {
        return new Floor(failOnSeverity, DEFAULT_UNSCORED_SEVERITY);
    }

    public int rank() {
        return Severity.rank(failOnSeverity);
    }
}
