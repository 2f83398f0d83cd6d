package dev.shipgate.gate.finding;

import dev.shipgate.testing.Events;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ClairReportTest {

    @Test
    void parse_sampleReport_mapsEveryPackageVulnerabilityPair() {
        ClairReport.Parsed report = ClairReport.parse(Events.bytes("scan-gate", "clair-report.json"));

        assertThat(report.manifestHash()).isEqualTo("sha256:0ad4deece186aaa3053559f195b9c42ba100b66d359165cdb257498bd97d0f96");
        assertThat(report.findings())
                .extracting(Finding::id, Finding::severity, Finding::packageName, Finding::version, Finding::fixedIn, Finding::fix, Finding::cvss)
                .containsExactlyInAnyOrder(
                        tuple("CVE-2024-5535", "CRITICAL", "openssl", "3.0.11-1~deb12u1", "3.0.14-1~deb12u1", FixState.AVAILABLE, 9.1),
                        tuple("CVE-2023-5678", "UNDEFINED", "openssl", "3.0.11-1~deb12u1", "3.0.13-1~deb12u1", FixState.AVAILABLE, 5.3),
                        tuple("CVE-2023-45853", "LOW", "zlib1g", "1:1.2.13.dfsg-1", null, FixState.NONE, null),
                        tuple("CVE-2024-45490", "HIGH", "libexpat1", "2.5.0-1", "2.5.0-1+deb12u1", FixState.AVAILABLE, 9.8));
        assertThat(report.findings()).allMatch(f -> f.source() == ScanSource.CLAIR);
        assertThat(report.findings()).filteredOn(f -> f.id().equals("CVE-2024-5535")).extracting(Finding::uri)
                .containsExactly("https://security-tracker.debian.org/tracker/CVE-2024-5535");
    }

    @Test
    void parse_negligible_becomesInformational() {
        assertThat(ClairReport.severity("Negligible")).isEqualTo("INFORMATIONAL");
        assertThat(ClairReport.severity("Unknown")).isEqualTo("UNDEFINED");
    }

    @Test
    void parse_notAReport_saysWhatIsMissing() {
        assertThatThrownBy(() -> ClairReport.parse("{\"manifest_hash\":\"sha256:x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("has no 'packages'");
        assertThatThrownBy(() -> ClairReport.parse("{".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("is not valid JSON");
    }
}
