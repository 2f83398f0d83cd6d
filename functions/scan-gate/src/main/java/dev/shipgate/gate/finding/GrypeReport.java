package dev.shipgate.gate.finding;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Grype JSON report ({@code grype <image> -o json}) into findings: one per {@code matches[]} entry. The
 * image it describes is {@code source.target.manifestDigest} and the digests of {@code source.target.repoDigests};
 * a directory or SBOM scan ({@code source.target} a string) names no image and is refused.
 */
public final class GrypeReport {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private GrypeReport() {
    }

    static boolean looksLike(JsonNode root) {
        return root.has("matches") && (root.has("source") || root.has("descriptor"));
    }

    public static ScanReport parse(byte[] json) {
        return parse(ReportJson.parse(json));
    }

    static ScanReport parse(JsonNode root) {
        JsonNode source = ReportJson.object(root, "source", "source", false);
        JsonNode target = source.path("target");
        Set<String> digests = new LinkedHashSet<>();
        if (target.isObject()) {
            String manifest = ReportJson.text(target, "manifestDigest", "source.target.manifestDigest");
            if (manifest != null && DIGEST.matcher(manifest).matches()) {
                digests.add(manifest);
            }
            for (JsonNode repoDigest : ReportJson.array(target, "repoDigests", "source.target.repoDigests", true)) {
                if (!repoDigest.isTextual()) {
                    throw ReportJson.wrongType("source.target.repoDigests[]", "a string", repoDigest);
                }
                Matcher digest = DIGEST.matcher(repoDigest.asText());
                if (digest.find()) {
                    digests.add(digest.group());
                }
            }
        }
        if (digests.isEmpty()) {
            throw new InvalidReportException("names no image digest (source.type " + ReportJson.text(source, "type", "source.type")
                    + ", no source.target.manifestDigest or repoDigests): scan the pushed image, e.g. grype -o json"
                    + " registry:<repository-uri>@<digest>");
        }
        List<Finding> findings = new ArrayList<>();
        JsonNode matches = ReportJson.array(root, "matches", "matches", false);
        for (int i = 0; i < matches.size(); i++) {
            JsonNode match = matches.get(i);
            String at = "matches[" + i + "]";
            if (!match.isObject()) {
                throw ReportJson.wrongType(at, "an object", match);
            }
            findings.add(toFinding(match, at));
        }
        String nothingScanned = root.path("distro").path("name").asText("").isBlank() && matches.isEmpty() ? "no distro, no matches" : null;
        return new ScanReport(ScanSource.GRYPE, digests, findings, nothingScanned);
    }

    private static Finding toFinding(JsonNode match, String at) {
        JsonNode vuln = ReportJson.object(match, "vulnerability", at + ".vulnerability", false);
        JsonNode artifact = ReportJson.object(match, "artifact", at + ".artifact", false);
        String id = ReportJson.text(vuln, "id", at + ".vulnerability.id");
        if (id == null) {
            throw ReportJson.missing(at + ".vulnerability.id");
        }
        String label = ReportJson.text(vuln, "severity", at + ".vulnerability.severity");
        // Grype scores GHSA and distro records from their own CVSS, else from the related NVD records.
        Double cvss = cvss(vuln, at + ".vulnerability");
        JsonNode related = ReportJson.array(match, "relatedVulnerabilities", at + ".relatedVulnerabilities", true);
        for (int r = 0; cvss == null && r < related.size(); r++) {
            cvss = cvss(related.get(r), at + ".relatedVulnerabilities[" + r + "]");
        }
        String severity = severity(label);
        if (!Severity.isRanked(severity) && Severity.fromCvss(cvss) != null) {
            severity = Severity.fromCvss(cvss);
        }
        JsonNode fix = ReportJson.object(vuln, "fix", at + ".vulnerability.fix", true);
        List<String> versions = new ArrayList<>();
        for (JsonNode version : ReportJson.array(fix, "versions", at + ".vulnerability.fix.versions", true)) {
            if (!version.isTextual()) {
                throw ReportJson.wrongType(at + ".vulnerability.fix.versions[]", "a string", version);
            }
            versions.add(version.asText());
        }
        String state = ReportJson.text(fix, "state", at + ".vulnerability.fix.state");
        String fixedIn = versions.isEmpty() ? null : String.join(", ", versions);
        FixState fixState = fixedIn != null || "fixed".equals(state) ? FixState.AVAILABLE
                : "not-fixed".equals(state) || "wont-fix".equals(state) ? FixState.NONE : FixState.UNKNOWN;
        JsonNode urls = ReportJson.array(vuln, "urls", at + ".vulnerability.urls", true);
        String uri = ReportJson.text(vuln, "dataSource", at + ".vulnerability.dataSource");
        if (uri == null && !urls.isEmpty() && urls.get(0).isTextual()) {
            uri = urls.get(0).asText();
        }
        return new Finding(id, severity, ReportJson.text(artifact, "name", at + ".artifact.name"),
                ReportJson.text(artifact, "version", at + ".artifact.version"), fixedIn, fixState, cvss, ScanSource.GRYPE, uri, label);
    }

    /** Grype's severities: Critical, High, Medium, Low, Negligible, Unknown. */
    static String severity(String label) {
        if (label == null) {
            return Severity.UNKNOWN;
        }
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "negligible" -> "INFORMATIONAL";
            case "unknown" -> Severity.UNKNOWN;
            default -> Severity.normalize(label);
        };
    }

    /** The highest CVSS v3 base score of {@code cvss[]}; a v4 or v2 score only when there is no v3. */
    private static Double cvss(JsonNode vuln, String at) {
        JsonNode records = ReportJson.array(vuln, "cvss", at + ".cvss", true);
        Double v3 = null;
        Double other = null;
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                throw ReportJson.wrongType(at + ".cvss[" + i + "]", "an object", record);
            }
            JsonNode metrics = ReportJson.object(record, "metrics", at + ".cvss[" + i + "].metrics", true);
            Double score = ReportJson.number(metrics, "baseScore", at + ".cvss[" + i + "].metrics.baseScore");
            if (score == null || score <= 0) {
                continue;
            }
            String version = ReportJson.text(record, "version", at + ".cvss[" + i + "].version");
            if (version != null && version.startsWith("3")) {
                v3 = v3 == null ? score : Math.max(v3, score);
            } else {
                other = other == null ? score : Math.max(other, score);
            }
        }
        return v3 != null ? v3 : other;
    }
}
