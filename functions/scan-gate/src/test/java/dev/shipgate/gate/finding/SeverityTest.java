package dev.shipgate.gate.finding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityTest {

    @ParameterizedTest(name = "CVSS {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "10.0, CRITICAL", "9.8, CRITICAL", "9.0, CRITICAL", "8.9, HIGH", "7.0, HIGH", "6.9, MEDIUM",
            "4.0, MEDIUM", "3.9, LOW", "0.1, LOW", "0.0, none", "none, none"})
    void fromCvss_usesTheV3Bands(Double score, String band) {
        assertThat(Severity.fromCvss(score)).isEqualTo(band);
    }

    @Test
    void unrankedSeverities_stayDistinguishable() {
        Finding untriaged = new Finding("CVE-1", "untriaged", "p", "1", null, null, 9.8, ScanSource.ECR_ENHANCED, null);
        Finding unknown = new Finding("CVE-2", Severity.UNKNOWN, "p", "1", null, null, null, ScanSource.CLAIR, null, "Unknown");

        assertThat(untriaged.severity()).isEqualTo(Severity.UNTRIAGED);
        assertThat(untriaged.scannerSeverity()).isEqualTo("untriaged");
        assertThat(untriaged.cvss()).isEqualTo(9.8);
        assertThat(untriaged.ranked()).isFalse();
        assertThat(unknown.severity()).isEqualTo("UNKNOWN");
        assertThat(unknown.scannerSeverity()).isEqualTo("Unknown");
        assertThat(new Finding("CVE-3", "High", null, null, null, null, null, ScanSource.ECR_BASIC, null).ranked()).isTrue();
    }
}
