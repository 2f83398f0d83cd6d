package dev.shipgate.gate.finding;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Trivy JSON report ({@code trivy image --format json}, schema version 2) into findings: one per entry of
 * every {@code Results[].Vulnerabilities}. The image it describes is {@code Metadata.RepoDigests} (the registry
 * digests, {@code name@sha256:...}) and {@code Metadata.ImageID}.
 */
public final class TrivyReport {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    /** Trivy's {@code Status} values that mean the installed version stays vulnerable. */
    private static final Set<String> NO_FIX = Set.of("affected", "will_not_fix", "fix_deferred", "end_of_life", "under_investigation");

    private TrivyReport() {
    }

    static boolean looksLike(JsonNode root) {
        return root.has("SchemaVersion") && (root.has("Results") || root.has("ArtifactName"));
    }

    public static ScanReport parse(byte[] json) {
        return parse(ReportJson.parse(json));
    }

    static ScanReport parse(JsonNode root) {
        JsonNode schema = root.path("SchemaVersion");
        if (!schema.isIntegralNumber() || schema.asInt() != 2) {
            throw new InvalidReportException("has SchemaVersion " + (schema.isMissingNode() ? "(none)" : schema.asText())
                    + "; the gate reads Trivy's JSON schema version 2 (trivy image --format json)");
        }
        JsonNode metadata = ReportJson.object(root, "Metadata", "Metadata", true);
        Set<String> digests = new LinkedHashSet<>();
        JsonNode repoDigests = ReportJson.array(metadata, "RepoDigests", "Metadata.RepoDigests", true);
        for (JsonNode repoDigest : repoDigests) {
            if (!repoDigest.isTextual()) {
                throw ReportJson.wrongType("Metadata.RepoDigests[]", "a string", repoDigest);
            }
            Matcher digest = DIGEST.matcher(repoDigest.asText());
            if (digest.find()) {
                digests.add(digest.group());
            }
        }
        String imageId = ReportJson.text(metadata, "ImageID", "Metadata.ImageID");
        if (imageId != null && DIGEST.matcher(imageId).matches()) {
            digests.add(imageId);
        }
        if (digests.isEmpty()) {
            throw new InvalidReportException("names no image digest (Metadata.RepoDigests and Metadata.ImageID are empty; ArtifactType "
                    + ReportJson.text(root, "ArtifactType", "ArtifactType") + "): scan the pushed image by digest,"
                    + " e.g. trivy image --format json <repository-uri>@<digest>");
        }
        List<Finding> findings = new ArrayList<>();
        JsonNode results = ReportJson.array(root, "Results", "Results", true);
        for (int r = 0; r < results.size(); r++) {
            JsonNode result = results.get(r);
            String at = "Results[" + r + "]";
            if (!result.isObject()) {
                throw ReportJson.wrongType(at, "an object", result);
            }
            JsonNode vulnerabilities = ReportJson.array(result, "Vulnerabilities", at + ".Vulnerabilities", true);
            for (int v = 0; v < vulnerabilities.size(); v++) {
                JsonNode vuln = vulnerabilities.get(v);
                String vat = at + ".Vulnerabilities[" + v + "]";
                if (!vuln.isObject()) {
                    throw ReportJson.wrongType(vat, "an object", vuln);
                }
                findings.add(toFinding(vuln, vat));
            }
        }
        String family = metadata.path("OS").path("Family").asText("");
        String nothingScanned = (family.isBlank() || "none".equals(family)) && results.isEmpty() ? "OS family none, no results" : null;
        return new ScanReport(ScanSource.TRIVY, digests, findings, nothingScanned);
    }

    private static Finding toFinding(JsonNode vuln, String at) {
        String id = ReportJson.text(vuln, "VulnerabilityID", at + ".VulnerabilityID");
        if (id == null) {
            throw ReportJson.missing(at + ".VulnerabilityID");
        }
        String label = ReportJson.text(vuln, "Severity", at + ".Severity");
        Double cvss = cvss(ReportJson.object(vuln, "CVSS", at + ".CVSS", true), at + ".CVSS");
        String severity = Severity.normalize(label);
        if (!Severity.isRanked(severity) && Severity.fromCvss(cvss) != null) {
            severity = Severity.fromCvss(cvss);
        } else if (label == null) {
            severity = Severity.UNKNOWN;
        }
        String fixedIn = ReportJson.text(vuln, "FixedVersion", at + ".FixedVersion");
        String status = ReportJson.text(vuln, "Status", at + ".Status");
        FixState fix = fixedIn != null ? FixState.AVAILABLE
                : status == null ? FixState.UNKNOWN : NO_FIX.contains(status) ? FixState.NONE : FixState.UNKNOWN;
        String uri = ReportJson.text(vuln, "PrimaryURL", at + ".PrimaryURL");
        return new Finding(id, severity, ReportJson.text(vuln, "PkgName", at + ".PkgName"),
                ReportJson.text(vuln, "InstalledVersion", at + ".InstalledVersion"), fixedIn, fix, cvss, ScanSource.TRIVY, uri, label);
    }

    /** The highest V3Score over every source ({@code nvd}, {@code redhat}, {@code ghsa}, ...); V40Score, then V2Score, without one. */
    private static Double cvss(JsonNode bySource, String at) {
        Double best = null;
        for (String key : List.of("V3Score", "V40Score", "V2Score")) {
            for (Map.Entry<String, JsonNode> source : bySource.properties()) {
                if (!source.getValue().isObject()) {
                    throw ReportJson.wrongType(at + "." + source.getKey(), "an object", source.getValue());
                }
                Double score = ReportJson.number(source.getValue(), key, at + "." + source.getKey() + "." + key);
                if (score != null && score > 0 && (best == null || score > best)) {
                    best = score;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }
}
