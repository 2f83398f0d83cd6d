package dev.shipgate.gate.finding;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Clair v4 vulnerability report ({@code clairctl report -o json}, {@code clair-action report --format json},
 * or {@code GET /matcher/api/v1/vulnerability_report/{digest}}) into findings: one per (package, vulnerability)
 * pair of {@code package_vulnerabilities}.
 *
 * <p>Severity is {@code normalized_severity}; where that is {@code Unknown} (claircore gives Alpine, Debian and
 * pyup.io vulnerabilities no other) it is the CVSS v3 band of the {@code clair.cvss} enrichment's base score, and
 * without a score it stays {@link Severity#UNKNOWN} for the gate's unscored rule.
 */
public final class ClairReport {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    /** claircore writes these where a vulnerability has no fixed version (Debian's OVAL "0:0": every version). */
    private static final Set<String> NO_FIX = Set.of("0", "0:0");

    private ClairReport() {
    }

    /** True when the document has Clair v4's required members (the format is detected from content). */
    static boolean looksLike(JsonNode root) {
        return root.has("manifest_hash") || root.has("package_vulnerabilities");
    }

    public static ScanReport parse(byte[] json) {
        return parse(ReportJson.parse(json));
    }

    static ScanReport parse(JsonNode root) {
        JsonNode hash = root.path("manifest_hash");
        if (ReportJson.absent(hash) || hash.isTextual() && hash.asText().isBlank()) {
            throw new InvalidReportException("has no 'manifest_hash' (or it is null): a Clair v4 report names the manifest it"
                    + " describes, and the gate only judges a report on the pushed image");
        }
        String manifestHash = ReportJson.text(root, "manifest_hash", "manifest_hash");
        if (!DIGEST.matcher(manifestHash).matches()) {
            throw new InvalidReportException("has 'manifest_hash' '" + manifestHash + "', not a digest like sha256:<64 hex characters>");
        }
        JsonNode packages = ReportJson.object(root, "packages", "packages", false);
        JsonNode vulnerabilities = ReportJson.object(root, "vulnerabilities", "vulnerabilities", false);
        JsonNode affected = ReportJson.object(root, "package_vulnerabilities", "package_vulnerabilities", false);
        Map<String, Double> cvss = cvssScores(root);
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : affected.properties()) {
            String packageKey = entry.getKey();
            String path = "package_vulnerabilities." + packageKey;
            if (!entry.getValue().isArray()) {
                throw ReportJson.wrongType(path, "a list of vulnerability ids", entry.getValue());
            }
            JsonNode pkg = packages.path(packageKey);
            if (!pkg.isMissingNode() && !pkg.isObject()) {
                throw ReportJson.wrongType("packages." + packageKey, "an object", pkg);
            }
            for (JsonNode id : entry.getValue()) {
                if (!id.isTextual() && !id.isIntegralNumber()) {
                    throw ReportJson.wrongType(path + "[]", "a vulnerability id", id);
                }
                String key = id.asText();
                JsonNode vuln = vulnerabilities.path(key);
                if (vuln.isMissingNode()) {
                    throw new InvalidReportException("lists vulnerability '" + key + "' for package '" + packageKey
                            + "' but 'vulnerabilities' has no such entry");
                }
                if (!vuln.isObject()) {
                    throw ReportJson.wrongType("vulnerabilities." + key, "an object", vuln);
                }
                findings.add(toFinding(key, vuln, pkg, cvss.get(key)));
            }
        }
        // No packages, whatever the distribution: deleting the package database (dpkg status, apk installed) leaves
        // /etc/os-release, and Clair then reports the distribution with nothing in it.
        String nothingScanned = packages.size() == 0 && findings.isEmpty() ? "no packages" : null;
        return new ScanReport(ScanSource.CLAIR, Set.of(manifestHash), findings, nothingScanned);
    }

    private static Finding toFinding(String key, JsonNode vuln, JsonNode pkg, Double cvss) {
        String at = "vulnerabilities." + key + ".";
        String name = ReportJson.text(vuln, "name", at + "name");
        String fixedIn = fixedVersion(ReportJson.text(vuln, "fixed_in_version", at + "fixed_in_version"));
        JsonNode vulnPackage = ReportJson.object(vuln, "package", at + "package", true);
        String packageName = ReportJson.text(pkg, "name", "packages." + key + ".name");
        if (packageName == null) {
            packageName = ReportJson.text(vulnPackage, "name", at + "package.name");
        }
        String version = ReportJson.text(pkg, "version", "packages." + key + ".version");
        String links = ReportJson.text(vuln, "links", at + "links");
        String uri = links == null ? null : links.split("\\s+")[0];
        String label = vuln.path("normalized_severity").isTextual() ? vuln.path("normalized_severity").asText()
                : ReportJson.text(vuln, "normalized_severity", at + "normalized_severity");
        String severity = severity(label);
        if (!Severity.isRanked(severity) && Severity.fromCvss(cvss) != null) {
            severity = Severity.fromCvss(cvss);
        }
        return new Finding(vulnerabilityId(name, key), severity, packageName, version, fixedIn,
                fixedIn == null ? FixState.NONE : FixState.AVAILABLE, cvss, ScanSource.CLAIR, uri, label);
    }

    /**
     * The vulnerability id policy exceptions name: the first word of Clair's {@code name}, which for Debian is
     * "CVE-2022-23219 glibc", for Red Hat "RHSA-2022:0892: libarchive security update (Moderate)", for pyup.io
     * "pyup.io-42559 (CVE-2021-3572)". Clair's own key (a number, UUID or base64 string) when there is no name.
     */
    static String vulnerabilityId(String name, String key) {
        if (name == null) {
            return key;
        }
        String first = name.split("\\s+")[0];
        return first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
    }

    /** {@code ""}, {@code "0"} and {@code "0:0"} mean no fix. */
    static String fixedVersion(String value) {
        return value == null || NO_FIX.contains(value) ? null : value;
    }

    /** claircore's normalized severities mapped onto the ECR names; {@code Unknown} or none is {@link Severity#UNKNOWN}. */
    static String severity(String normalized) {
        if (normalized == null) {
            return Severity.UNKNOWN;
        }
        return switch (normalized.trim().toLowerCase(Locale.ROOT)) {
            case "critical" -> "CRITICAL";
            case "high" -> "HIGH";
            case "medium" -> "MEDIUM";
            case "low" -> "LOW";
            case "negligible" -> "INFORMATIONAL";
            case "unknown", "" -> Severity.UNKNOWN;
            default -> normalized.trim().toUpperCase(Locale.ROOT);
        };
    }

    /**
     * The CVSS enrichment (media type {@code message/vnd.clair.map.vulnerability; enricher=clair.cvss schema=...}): a
     * list of objects mapping vulnerability key to CVSS v3 records; the highest {@code baseScore} per vulnerability wins.
     * Other enrichments are not read. {@code enrichments} may be absent, null, an object, or an empty list.
     */
    private static Map<String, Double> cvssScores(JsonNode root) {
        Map<String, Double> scores = new HashMap<>();
        JsonNode enrichments = root.path("enrichments");
        if (ReportJson.absent(enrichments) || enrichments.isArray() && enrichments.isEmpty()) {
            return scores;
        }
        if (!enrichments.isObject()) {
            throw ReportJson.wrongType("enrichments", "an object", enrichments);
        }
        for (Map.Entry<String, JsonNode> kind : enrichments.properties()) {
            if (!kind.getKey().toLowerCase(Locale.ROOT).contains("cvss")) {
                continue;
            }
            String path = "enrichments[\"" + kind.getKey() + "\"]";
            JsonNode blocks = kind.getValue();
            if (ReportJson.absent(blocks)) {
                continue;
            }
            if (!blocks.isArray()) {
                throw ReportJson.wrongType(path, "a list", blocks);
            }
            for (JsonNode block : blocks) {
                if (!block.isObject()) {
                    throw ReportJson.wrongType(path + "[]", "an object", block);
                }
                for (Map.Entry<String, JsonNode> entry : block.properties()) {
                    JsonNode records = entry.getValue();
                    for (JsonNode record : records.isArray() ? records : List.of(records)) {
                        if (!record.isObject()) {
                            throw ReportJson.wrongType(path + "." + entry.getKey(), "CVSS records", record);
                        }
                        Double score = ReportJson.number(record, "baseScore", path + "." + entry.getKey() + ".baseScore");
                        if (score != null) {
                            scores.merge(entry.getKey(), score, Math::max);
                        }
                    }
                }
            }
        }
        return scores;
    }
}
