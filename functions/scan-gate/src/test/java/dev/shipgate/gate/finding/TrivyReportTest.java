package dev.shipgate.gate.finding;

import dev.shipgate.gate.RealPayloads;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TrivyReportTest {

    @Test
    void parse_registryScan_readsDigestsAndFindings() {
        ScanReport report = ScanReports.parse(RealPayloads.bytes("trivy/alpine-310-registry.json.golden"));

        assertThat(report.source()).isEqualTo(ScanSource.TRIVY);
        assertThat(report.imageDigests()).containsExactlyInAnyOrder(
                "sha256:b1c5a500182b21d0bfa5a584a8526b56d8be316f89e87d951be04abed2446e60",
                "sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4");
        assertThat(report.findings())
                .extracting(Finding::id, Finding::severity, Finding::packageName, Finding::version, Finding::fixedIn, Finding::fix, Finding::cvss)
                .contains(tuple("CVE-2019-1549", "MEDIUM", "libcrypto1.1", "1.1.1c-r0", "1.1.1d-r0", FixState.AVAILABLE, 5.3),
                        tuple("CVE-2019-1551", "MEDIUM", "libssl1.1", "1.1.1c-r0", "1.1.1d-r2", FixState.AVAILABLE, 5.3));
        assertThat(report.findings()).extracting(Finding::uri).contains("https://avd.aquasec.com/nvd/cve-2019-1549");
    }

    @Test
    void parse_repositoryScan_namesNoImageAndIsRefused() {
        assertThatThrownBy(() -> ScanReports.parse(RealPayloads.bytes("trivy/gomod.json.golden")))
                .isInstanceOf(InvalidReportException.class)
                .hasMessageContaining("names no image digest")
                .hasMessageContaining("ArtifactType repository");
    }

    @Test
    void parse_unknownSeverity_rankedByCvssElseKeptUnknown() {
        String json = "{\"SchemaVersion\":2,\"ArtifactType\":\"container_image\",\"Metadata\":{\"RepoDigests\":"
                + "[\"123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:" + "1".repeat(64) + "\"]},\"Results\":[{\"Target\":\"go.mod\","
                + "\"Vulnerabilities\":[{\"VulnerabilityID\":\"GMS-2022-20\",\"PkgName\":\"d\",\"Severity\":\"UNKNOWN\",\"Status\":\"affected\"},"
                + "{\"VulnerabilityID\":\"CVE-2021-38561\",\"PkgName\":\"x\",\"Severity\":\"UNKNOWN\",\"CVSS\":{\"nvd\":{\"V2Score\":5,\"V3Score\":9.8}}}]},"
                + "{\"Target\":\"clean\",\"Class\":\"lang-pkgs\"}]}";

        ScanReport report = ScanReports.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(report.imageDigests()).containsExactly("sha256:" + "1".repeat(64));
        assertThat(report.findings()).extracting(Finding::id, Finding::severity, Finding::cvss, Finding::fix, Finding::scannerSeverity)
                .containsExactly(tuple("GMS-2022-20", "UNKNOWN", null, FixState.NONE, "UNKNOWN"),
                        tuple("CVE-2021-38561", "CRITICAL", 9.8, FixState.UNKNOWN, "UNKNOWN"));
    }

    @Test
    void parse_vulnerabilitiesAString_isRefusedNotEmpty() {
        String json = "{\"SchemaVersion\":2,\"Metadata\":{\"ImageID\":\"sha256:" + "1".repeat(64) + "\"},"
                + "\"Results\":[{\"Target\":\"x\",\"Vulnerabilities\":\"none\"}]}";

        assertThatThrownBy(() -> ScanReports.parse(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'Results[0].Vulnerabilities' as a string where a list belongs");
    }

    @Test
    void parse_schemaVersion1_isRefused() {
        assertThatThrownBy(() -> ScanReports.parse("{\"SchemaVersion\":1,\"Results\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("schema version 2");
    }
}
