package dev.shipgate.gate.finding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Clair v4 vulnerability report ({@code clairctl report -o json}, or
 * {@code GET /matcher/api/v1/vulnerability_report/{digest}}) into findings: one per (package, vulnerability)
 * pair of {@code package_vulnerabilities}. CVSS comes from the {@code clair.cvss} enrichment when present.
 */
public final class ClairReport {

    private ClairReport() {
    }

    /** The report's image digest and its findings. */
    public record Parsed(String manifestHash, List<Finding> findings) {
    }

    /** Thrown when the bytes are not a Clair v4 vulnerability report; the message says what is missing. */
    public static final class InvalidReportException extends RuntimeException {
        public InvalidReportException(String message) {
            super(message);
        }
    }

    public static Parsed parse(byte[] json) {
        JsonNode root;
        try {
            root = JsonTree.parse(json);
        } catch (IOException e) {
            throw new InvalidReportException("is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidReportException("is not a JSON object");
        }
        for (String required : List.of("manifest_hash", "packages", "vulnerabilities", "package_vulnerabilities")) {
            if (!root.has(required)) {
                throw new InvalidReportException("has no '" + required + "': not a Clair v4 vulnerability report");
            }
        }
        JsonNode packages = root.path("packages");
        JsonNode vulnerabilities = root.path("vulnerabilities");
        Map<String, Double> cvss = cvssScores(root.path("enrichments"));
        List<Finding> findings = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> affected = root.path("package_vulnerabilities").fields();
        while (affected.hasNext()) {
            Map.Entry<String, JsonNode> entry = affected.next();
            JsonNode pkg = packages.path(entry.getKey());
            for (JsonNode vulnId : entry.getValue()) {
                JsonNode vuln = vulnerabilities.path(vulnId.asText());
                if (vuln.isMissingNode()) {
                    throw new InvalidReportException("lists vulnerability '" + vulnId.asText() + "' for package '"
                            + entry.getKey() + "' but 'vulnerabilities' has no such entry");
                }
                findings.add(toFinding(vulnId.asText(), vuln, pkg, cvss));
            }
        }
        return new Parsed(root.path("manifest_hash").asText(null), findings);
    }

    private static Finding toFinding(String key, JsonNode vuln, JsonNode pkg, Map<String, Double> cvss) {
        String name = text(vuln, "name");
        String fixedIn = text(vuln, "fixed_in_version");
        String packageName = text(pkg, "name");
        if (packageName == null) {
            packageName = text(vuln.path("package"), "name");
        }
        String version = text(pkg, "version");
        String links = text(vuln, "links");
        String uri = links == null ? null : links.trim().split("\\s+")[0];
        return new Finding(name == null ? key : name, severity(text(vuln, "normalized_severity")), packageName, version,
                fixedIn, fixedIn == null ? FixState.NONE : FixState.AVAILABLE, cvss.get(key), ScanSource.CLAIR, uri);
    }

    /** claircore's normalized severities mapped onto the ECR names; anything else is kept, upper-cased. */
    static String severity(String normalized) {
        if (normalized == null) {
            return Severity.UNDEFINED;
        }
        return switch (normalized.trim().toLowerCase(Locale.ROOT)) {
            case "critical" -> "CRITICAL";
            case "high" -> "HIGH";
            case "medium" -> "MEDIUM";
            case "low" -> "LOW";
            case "negligible" -> "INFORMATIONAL";
            case "unknown", "" -> Severity.UNDEFINED;
            default -> normalized.trim().toUpperCase(Locale.ROOT);
        };
    }

    /**
     * The {@code clair.cvss} enrichment: a list of objects mapping vulnerability id to CVSS records
     * ({@code baseScore}); the highest base score per vulnerability wins.
     */
    private static Map<String, Double> cvssScores(JsonNode enrichments) {
        Map<String, Double> scores = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> kinds = enrichments.fields();
        while (kinds.hasNext()) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            if (!kind.getKey().contains("clair.cvss")) {
                continue;
            }
            for (JsonNode block : kind.getValue()) {
                Iterator<Map.Entry<String, JsonNode>> byVuln = block.fields();
                while (byVuln.hasNext()) {
                    Map.Entry<String, JsonNode> entry = byVuln.next();
                    JsonNode records = entry.getValue();
                    for (JsonNode record : records.isArray() ? records : List.of(records)) {
                        JsonNode score = record.path("baseScore");
                        if (score.isNumber()) {
                            scores.merge(entry.getKey(), score.asDouble(), Math::max);
                        }
                    }
                }
            }
        }
        return scores;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
