package dev.shipgate.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** Builds real-shaped DescribeImageScanFindings responses (shape: ECR API reference and aws-cli examples). */
final class ScanResponses {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode root = MAPPER.createObjectNode();
    private final ArrayNode findings;
    private final ArrayNode enhanced;
    private final ObjectNode scanFindings;

    private ScanResponses(String repository, String digest, String status, String description) {
        root.put("registryId", "123456789012").put("repositoryName", repository);
        root.putObject("imageId").put("imageDigest", digest);
        ObjectNode scanStatus = root.putObject("imageScanStatus").put("status", status);
        if (description != null) {
            scanStatus.put("description", description);
        }
        scanFindings = root.putObject("imageScanFindings");
        scanFindings.put("imageScanCompletedAt", 1795816900.0).put("vulnerabilitySourceUpdatedAt", 1795800000.0);
        findings = MAPPER.createArrayNode();
        enhanced = MAPPER.createArrayNode();
    }

    static ScanResponses scan(String repository, String digest, String status, String description) {
        return new ScanResponses(repository, digest, status, description);
    }

    ScanResponses basic(String cve, String severity, String pkg, String version, String cvss2) {
        ObjectNode f = findings.addObject().put("name", cve)
                .put("description", "Vulnerability " + cve + " in " + pkg)
                .put("uri", "https://security-tracker.debian.org/tracker/" + cve + " ")
                .put("severity", severity);
        ArrayNode attributes = f.putArray("attributes");
        attributes.addObject().put("key", "package_version").put("value", version);
        attributes.addObject().put("key", "package_name").put("value", pkg);
        if (cvss2 != null) {
            attributes.addObject().put("key", "CVSS2_VECTOR").put("value", "AV:N/AC:L/Au:N/C:P/I:P/A:P");
            attributes.addObject().put("key", "CVSS2_SCORE").put("value", cvss2);
        }
        return this;
    }

    ScanResponses enhanced(String cve, String severity, String pkg, String version, String fixedIn, String fixAvailable, double score) {
        ObjectNode f = enhanced.addObject().put("awsAccountId", "123456789012")
                .put("description", "Vulnerability " + cve)
                .put("findingArn", "arn:aws:inspector2:us-east-1:123456789012:finding/" + Integer.toHexString(cve.hashCode()))
                .put("firstObservedAt", 1795816850.0).put("lastObservedAt", 1795816850.0)
                .put("score", score).put("severity", severity).put("status", "ACTIVE")
                .put("title", cve + " - " + pkg).put("type", "PACKAGE_VULNERABILITY").put("updatedAt", 1795816850.0)
                .put("fixAvailable", fixAvailable).put("exploitAvailable", "NO");
        ObjectNode details = f.putObject("packageVulnerabilityDetails")
                .put("source", "DEBIAN_CVE").put("sourceUrl", "https://security-tracker.debian.org/tracker/" + cve)
                .put("vendorSeverity", "not yet assigned").put("vulnerabilityId", cve);
        details.putArray("cvss").addObject().put("baseScore", score).put("scoringVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
                .put("source", "NVD").put("version", "3.1");
        details.putArray("referenceUrls").add("https://www.cve.org/CVERecord?id=" + cve);
        details.putArray("vulnerablePackages").addObject().put("arch", "AMD64").put("epoch", 0).put("name", pkg)
                .put("packageManager", "OS").put("version", version).put("fixedInVersion", fixedIn == null ? "NotAvailable" : fixedIn);
        ObjectNode recommendation = f.putObject("remediation").putObject("recommendation");
        recommendation.put("text", "None Provided");
        f.putArray("resources").addObject().put("id", "arn:aws:ecr:us-east-1:123456789012:repository/app/sha256:x")
                .put("type", "AWS_ECR_CONTAINER_IMAGE");
        return this;
    }

    /** The last enhanced finding is in one more package (Inspector lists every vulnerable package of one finding). */
    ScanResponses alsoIn(String pkg, String version) {
        ((ArrayNode) enhanced.get(enhanced.size() - 1).at("/packageVulnerabilityDetails/vulnerablePackages")).addObject()
                .put("arch", "AMD64").put("epoch", 0).put("name", pkg).put("packageManager", "OS").put("version", version)
                .put("fixedInVersion", "NotAvailable");
        return this;
    }

    ScanResponses counts(Map<String, Integer> counts) {
        ObjectNode node = scanFindings.putObject("findingSeverityCounts");
        counts.forEach(node::put);
        return this;
    }

    ScanResponses nextToken(String token) {
        root.put("nextToken", token);
        return this;
    }

    String json() {
        if (!findings.isEmpty()) {
            scanFindings.set("findings", findings);
        }
        if (!enhanced.isEmpty()) {
            scanFindings.set("enhancedFindings", enhanced);
        }
        return root.toString();
    }
}
