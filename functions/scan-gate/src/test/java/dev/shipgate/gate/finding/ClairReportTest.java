package dev.shipgate.gate.finding;

import dev.shipgate.gate.RealPayloads;
import dev.shipgate.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ClairReportTest {

    @Test
    void parse_reportOfAnImageClairCouldNotIndex_saysNothingWasScanned() {
        String empty = "{\"manifest_hash\":\"sha256:" + "a".repeat(64) + "\",\"packages\":{},\"distributions\":{},"
                + "\"environments\":{},\"vulnerabilities\":{},\"package_vulnerabilities\":{},\"enrichments\":{}}";

        assertThat(ClairReport.parse(empty.getBytes(StandardCharsets.UTF_8)).nothingScanned()).isEqualTo("no packages");
        String osWithoutPackages = empty.replace("\"distributions\":{}", "\"distributions\":{\"1\":{\"id\":\"1\",\"did\":\"debian\","
                + "\"name\":\"Debian GNU/Linux\",\"version\":\"12 (bookworm)\",\"version_id\":\"12\"}}");
        assertThat(ClairReport.parse(osWithoutPackages.getBytes(StandardCharsets.UTF_8)).nothingScanned()).isEqualTo("no packages");
    }

    private static final String STRETCH_DIGEST = "sha256:fe3d51dd3262e5d9b9584603da59e387619234d95182351e4f493a1e5998f1f0";

    @Test
    void parse_sampleReport_mapsEveryPackageVulnerabilityPair() {
        ScanReport report = ClairReport.parse(Events.bytes("scan-gate", "clair-report.json"));

        assertThat(report.imageDigests()).containsExactly("sha256:0ad4deece186aaa3053559f195b9c42ba100b66d359165cdb257498bd97d0f96");
        assertThat(report.findings())
                .extracting(Finding::id, Finding::severity, Finding::packageName, Finding::version, Finding::fixedIn, Finding::fix, Finding::cvss)
                .containsExactlyInAnyOrder(
                        tuple("CVE-2024-5535", "CRITICAL", "openssl", "3.0.11-1~deb12u1", "3.0.14-1~deb12u1", FixState.AVAILABLE, 9.1),
                        tuple("CVE-2023-5678", "MEDIUM", "openssl", "3.0.11-1~deb12u1", "3.0.13-1~deb12u1", FixState.AVAILABLE, 5.3),
                        tuple("CVE-2023-45853", "LOW", "zlib1g", "1:1.2.13.dfsg-1", null, FixState.NONE, null),
                        tuple("CVE-2024-45490", "HIGH", "libexpat1", "2.5.0-1", "2.5.0-1+deb12u1", FixState.AVAILABLE, 9.8));
        assertThat(report.findings()).allMatch(f -> f.source() == ScanSource.CLAIR);
        assertThat(report.findings()).filteredOn(f -> f.id().equals("CVE-2024-5535")).extracting(Finding::uri)
                .containsExactly("https://security-tracker.debian.org/tracker/CVE-2024-5535");
    }

    @Test
    void parse_clairActionDebianStretch_ranksUnknownByTheCvssEnrichment() {
        ScanReport report = ClairReport.parse(RealPayloads.corpus("clair/clair-action-debian_stretch.json"));

        assertThat(report.imageDigests()).containsExactly(STRETCH_DIGEST);
        assertThat(report.findings()).hasSizeGreaterThanOrEqualTo(212);
        assertThat(report.findings()).allMatch(f -> "Unknown".equals(f.scannerSeverity()));
        // The published report carries severity only in the CVSS enrichment: glibc's CVE-2022-23219 is 9.8.
        assertThat(report.findings()).filteredOn(f -> f.id().equals("CVE-2022-23219"))
                .isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.severity()).isEqualTo("CRITICAL");
                    assertThat(f.cvss()).isEqualTo(9.8);
                    assertThat(f.fixedIn()).isNull();
                    assertThat(f.fix()).isEqualTo(FixState.NONE);
                    assertThat(f.uri()).isEqualTo("https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2022-23219");
                });
        Map<String, Long> bySeverity = report.findings().stream().collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
        assertThat(bySeverity.getOrDefault("CRITICAL", 0L)).isPositive();
        assertThat(bySeverity).doesNotContainKey("UNDEFINED");
        // Whatever has no CVSS record stays unranked, for the gate's unscored rule.
        assertThat(report.findings()).filteredOn(f -> f.cvss() == null).allMatch(f -> f.severity().equals(Severity.UNKNOWN));
    }

    @Test
    void parse_clairActionRhelWithPyup_numericIdsAndNoEnrichment() {
        ScanReport report = ClairReport.parse(RealPayloads.bytes("clair/report-with-vulns.json"));

        assertThat(report.imageDigests()).containsExactly("sha256:5f8d7f8c8d2babeec919b7854113bfb4c429acc929dadaff4637f6bd5268cf4d");
        assertThat(report.findings()).isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
                    assertThat(f.cvss()).isNull();
                    assertThat(f.uri()).isNull();
                });
        assertThat(report.findings()).extracting(Finding::id).contains("pyup.io-42559");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "'CVE-2022-23219 glibc', CVE-2022-23219",
            "'RHSA-2022:0892: libarchive security update (Moderate)', RHSA-2022:0892",
            "'pyup.io-42559 (CVE-2021-3572)', pyup.io-42559",
            "CVE-2024-5535, CVE-2024-5535",
            "none, 4888901"})
    void vulnerabilityId_isTheFirstWordOfTheName(String name, String id) {
        assertThat(ClairReport.vulnerabilityId(name, "4888901")).isEqualTo(id);
    }

    @ParameterizedTest(name = "fixed_in_version {0} -> {1}")
    @CsvSource(nullValues = "none", value = {"0:0, none", "0, none", "none, none", "'0:2.28-164.el8_5.3', '0:2.28-164.el8_5.3'"})
    void fixedVersion_placeholdersMeanNoFix(String value, String fixed) {
        assertThat(ClairReport.fixedVersion(value)).isEqualTo(fixed);
    }

    @Test
    void severity_mapsClairNamesAndKeepsUnknownDistinct() {
        assertThat(ClairReport.severity("Negligible")).isEqualTo("INFORMATIONAL");
        assertThat(ClairReport.severity("Unknown")).isEqualTo(Severity.UNKNOWN);
        assertThat(ClairReport.severity("")).isEqualTo(Severity.UNKNOWN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no manifest_hash | {\"packages\":{},\"vulnerabilities\":{},\"package_vulnerabilities\":{}} | has no 'manifest_hash'",
            "null manifest_hash | {\"manifest_hash\":null,\"packages\":{},\"vulnerabilities\":{},\"package_vulnerabilities\":{}} | has no 'manifest_hash'",
            "manifest_hash not a digest | {\"manifest_hash\":\"latest\",\"packages\":{},\"vulnerabilities\":{},\"package_vulnerabilities\":{}} | not a digest",
            "package_vulnerabilities a string | {\"manifest_hash\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"packages\":{},\"vulnerabilities\":{},\"package_vulnerabilities\":\"none\"} | 'package_vulnerabilities' as a string where an object belongs",
            "ids a string | {\"manifest_hash\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"packages\":{},\"vulnerabilities\":{},\"package_vulnerabilities\":{\"1\":\"2\"}} | 'package_vulnerabilities.1' as a string where a list of vulnerability ids belongs",
            "vulnerabilities a list | {\"manifest_hash\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"packages\":{},\"vulnerabilities\":[],\"package_vulnerabilities\":{}} | 'vulnerabilities' as a list where an object belongs",
            "enrichment a string | {\"manifest_hash\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"packages\":{},\"vulnerabilities\":{},\"package_vulnerabilities\":{},\"enrichments\":{\"message/vnd.clair.map.vulnerability; enricher=clair.cvss\":\"9.8\"}} | as a string where a list belongs",
            "name a number list | {\"manifest_hash\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"packages\":{},\"vulnerabilities\":{\"2\":{\"name\":[1]}},\"package_vulnerabilities\":{\"1\":[\"2\"]}} | 'vulnerabilities.2.name' as a list where a string belongs",
            "not JSON | { | is not valid JSON"})
    void parse_wrongTypes_refuseTheReport(String name, String json, String message) {
        assertThatThrownBy(() -> ClairReport.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidReportException.class)
                .hasMessageContaining(message);
    }

    @Test
    void parse_numericIdsAndEmptyEnrichmentList_areRead() {
        String json = "{\"manifest_hash\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\","
                + "\"packages\":{\"7\":{\"name\":\"pip\",\"version\":\"20.0\"}},\"vulnerabilities\":{\"4888901\":{\"name\":\"\","
                + "\"normalized_severity\":\"High\",\"fixed_in_version\":\"0:0\"}},\"package_vulnerabilities\":{\"7\":[4888901]},"
                + "\"enrichments\":[],\"environments\":{\"7\":[{\"repository_ids\":null}]}}";

        assertThat(ClairReport.parse(json.getBytes(StandardCharsets.UTF_8)).findings())
                .extracting(Finding::id, Finding::severity, Finding::packageName, Finding::fix)
                .containsExactly(tuple("4888901", "HIGH", "pip", FixState.NONE));
    }
}
