package dev.shipgate.gate.finding;

/** The scanner behind a set of findings; the names are the verdict contract's {@code scanSource} values. */
public enum ScanSource {
    ECR_BASIC, ECR_ENHANCED, CLAIR
}
