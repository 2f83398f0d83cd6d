package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Container images for the local ECR: a real-shaped manifest, its digest, and the scan result ECR would report. */
public final class Images {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One vulnerability as ECR basic scanning reports it. */
    public record Vulnerability(String id, String severity, String pkg, String version, String cvss3) {
    }

    private Images() {
    }

    /** A Docker v2 schema 2 manifest; {@code seed} makes each image's layers (and so its digest) distinct. */
    static String manifest(String seed) {
        String config = sha256(("config-" + seed).getBytes(StandardCharsets.UTF_8));
        String layer = sha256(("layer-" + seed).getBytes(StandardCharsets.UTF_8));
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1469,\"digest\":\"" + config + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":29124181,\"digest\":\"" + layer + "\"}]}";
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A complete {@code DescribeImageScanFindings} response (timestamps as epoch seconds, as the JSON protocol sends them). */
    static String scanResult(String repository, String digest, List<Vulnerability> vulnerabilities) {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("registryId", "123456789012");
        result.put("repositoryName", repository);
        result.putObject("imageId").put("imageDigest", digest);
        result.putObject("imageScanStatus").put("status", "COMPLETE").put("description", "The scan was completed successfully.");
        ObjectNode findings = result.putObject("imageScanFindings");
        long now = Instant.now().getEpochSecond();
        findings.put("imageScanCompletedAt", now);
        findings.put("vulnerabilitySourceUpdatedAt", now - 3600);
        ArrayNode list = findings.putArray("findings");
        ObjectNode counts = findings.putObject("findingSeverityCounts");
        for (Vulnerability v : vulnerabilities) {
            ObjectNode finding = list.addObject();
            finding.put("name", v.id());
            finding.put("uri", "https://security-tracker.debian.org/tracker/" + v.id());
            finding.put("severity", v.severity());
            ArrayNode attributes = finding.putArray("attributes");
            attributes.addObject().put("key", "package_name").put("value", v.pkg());
            attributes.addObject().put("key", "package_version").put("value", v.version());
            if (v.cvss3() != null) {
                attributes.addObject().put("key", "CVSS3_SCORE").put("value", v.cvss3());
            }
            counts.put(v.severity(), counts.path(v.severity()).asInt(0) + 1);
        }
        return result.toString();
    }
}
