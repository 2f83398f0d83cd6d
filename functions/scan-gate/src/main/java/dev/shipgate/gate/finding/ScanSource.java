package dev.shipgate.gate.finding;

/** The scanner behind a set of findings; the names are the verdict contract's {@code scanSource} values. */
public enum ScanSource {
    ECR_BASIC("ECR basic scan"), ECR_ENHANCED("ECR enhanced scan"), CLAIR("Clair"), TRIVY("Trivy"), GRYPE("Grype");

    private final String label;

    ScanSource(String label) {
        this.label = label;
    }

    /** The scanner's name as a person knows it. */
    public String label() {
        return label;
    }
}
