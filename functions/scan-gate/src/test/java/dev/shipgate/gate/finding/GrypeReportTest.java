package dev.shipgate.gate.finding;

import dev.shipgate.gate.RealPayloads;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class GrypeReportTest {

    @Test
    void parse_noDistroAndNoMatches_saysNothingWasScanned() {
        String empty = "{\"matches\":[],\"source\":{\"type\":\"image\",\"target\":{\"manifestDigest\":\"sha256:" + "a".repeat(64)
                + "\"}},\"distro\":{\"name\":\"\",\"version\":\"\"}}";

        assertThat(GrypeReport.parse(empty.getBytes(StandardCharsets.UTF_8)).nothingScanned()).isEqualTo("no distro, no matches");
    }

    @Test
    void parse_imageReport_readsManifestDigestAndMatches() {
        ScanReport report = ScanReports.parse(RealPayloads.corpus("grype/TestJsonImgsPresenter.json"));

        assertThat(report.source()).isEqualTo(ScanSource.GRYPE);
        assertThat(report.imageDigests()).containsExactly("sha256:ca738abb87a8d58f112d3400ebb079b61ceae7dc290beb34bda735be4b1941d5");
        assertThat(report.findings())
                .extracting(Finding::id, Finding::severity, Finding::packageName, Finding::version, Finding::fixedIn, Finding::fix, Finding::cvss)
                .containsExactly(
                        tuple("CVE-1999-0001", "LOW", "package-1", "1.1.1", "1.2.1, 2.1.3, 3.4.0", FixState.AVAILABLE, 8.2),
                        tuple("CVE-1999-0002", "CRITICAL", "package-2", "2.2.2", null, FixState.UNKNOWN, 8.5));
        assertThat(report.findings()).extracting(Finding::scannerSeverity).containsExactly("Low", "Critical");
    }

    @Test
    void parse_targetAString_namesNoImageAndIsRefused() {
        assertThatThrownBy(() -> ScanReports.parse(RealPayloads.corpus("grype/TestEmptyJsonPresenter.json")))
                .isInstanceOf(InvalidReportException.class)
                .hasMessageContaining("names no image digest (source.type unknown");
    }

    @Test
    void parse_unknownAndNegligible_mappedAndRankedFromRelatedNvdRecord() {
        String json = "{\"matches\":[{\"vulnerability\":{\"id\":\"GHSA-xxxx\",\"severity\":\"Unknown\",\"cvss\":[],\"fix\":{\"versions\":[],\"state\":\"not-fixed\"}},"
                + "\"relatedVulnerabilities\":[{\"id\":\"CVE-2024-1\",\"cvss\":[{\"version\":\"2.0\",\"metrics\":{\"baseScore\":10.0}},"
                + "{\"version\":\"3.1\",\"metrics\":{\"baseScore\":7.5}}]}],\"artifact\":{\"name\":\"lib\",\"version\":\"1\"}},"
                + "{\"vulnerability\":{\"id\":\"CVE-2024-2\",\"severity\":\"Negligible\"},\"artifact\":{\"name\":\"lib\",\"version\":\"1\"}},"
                + "{\"vulnerability\":{\"id\":\"CVE-2024-3\",\"severity\":\"Unknown\"},\"artifact\":{\"name\":\"lib\",\"version\":\"1\"}}],"
                + "\"source\":{\"type\":\"image\",\"target\":{\"manifestDigest\":\"sha256:" + "2".repeat(64) + "\",\"repoDigests\":"
                + "[\"123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:" + "3".repeat(64) + "\"]}}}";

        ScanReport report = ScanReports.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(report.imageDigests()).containsExactlyInAnyOrder("sha256:" + "2".repeat(64), "sha256:" + "3".repeat(64));
        assertThat(report.findings()).extracting(Finding::id, Finding::severity, Finding::cvss, Finding::fix)
                .containsExactly(tuple("GHSA-xxxx", "HIGH", 7.5, FixState.NONE),
                        tuple("CVE-2024-2", "INFORMATIONAL", null, FixState.UNKNOWN),
                        tuple("CVE-2024-3", "UNKNOWN", null, FixState.UNKNOWN));
    }

    @Test
    void parse_matchesAnObject_isRefusedNotEmpty() {
        String json = "{\"matches\":{},\"source\":{\"type\":\"image\",\"target\":{\"manifestDigest\":\"sha256:" + "2".repeat(64) + "\"}}}";

        assertThatThrownBy(() -> ScanReports.parse(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'matches' as an object where a list belongs");
    }

    @Test
    void parse_unknownFormat_saysWhichItReads() {
        assertThatThrownBy(() -> ScanReports.parse("{\"findings\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("is none of the report formats the gate reads");
    }
}
