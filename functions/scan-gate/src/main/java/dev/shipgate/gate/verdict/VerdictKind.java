package dev.shipgate.gate.verdict;

/** The verdict contract's {@code verdict} values. */
public enum VerdictKind {
    /** Nothing blocks. */
    PASS,
    /** Findings break the policy: the deploy is blocked. */
    FAIL,
    /** Findings break the policy, but the policy is in audit mode: reported, not blocking. */
    AUDIT,
    /** No policy verdict could be reached (scan failed, timed out, bad configuration). */
    ERROR
}
