package dev.shipgate.gate.finding;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a scanner report whose format is told by its content: Clair v4, Trivy (schema 2) or Grype JSON. */
public final class ScanReports {

    private ScanReports() {
    }

    public static ScanReport parse(byte[] json) {
        JsonNode root = ReportJson.parse(json);
        if (ClairReport.looksLike(root)) {
            return ClairReport.parse(root);
        }
        if (TrivyReport.looksLike(root)) {
            return TrivyReport.parse(root);
        }
        if (GrypeReport.looksLike(root)) {
            return GrypeReport.parse(root);
        }
        throw new InvalidReportException("is none of the report formats the gate reads: Clair v4 (manifest_hash,"
                + " package_vulnerabilities), Trivy JSON (SchemaVersion, Results) or Grype JSON (matches, source)");
    }
}
