package dev.shipgate.gate.finding;

import dev.shipgate.gate.RealPayloads;
import dev.shipgate.testing.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every Clair, Trivy and Grype report of the shared corpus ({@code events/real/scan-gate/}) as a gate input. */
class CorpusReportsTest {

    /** Reports of a directory, a repository or nothing: they name no image, so no digest can tie them to the pushed one. */
    private static final Set<String> NO_IMAGE = Set.of("grype/TestEmptyJsonPresenter.json", "grype/TestJsonDirsPresenter.json",
            "trivy/gomod.json");
    /** Trivy's test of an image whose OS it skipped: OS family none and no results, so the report shows nothing. */
    private static final Set<String> NOTHING_SCANNED = Set.of("trivy/alpine-39-skip.json");

    static Stream<String> reports() throws IOException {
        Path root = Events.root().resolve("events/real/scan-gate");
        return Stream.of("clair", "trivy", "grype").flatMap(dir -> {
            try (Stream<Path> files = Files.list(root.resolve(dir))) {
                return files.map(f -> dir + "/" + f.getFileName()).sorted().toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void parse_everyCorpusReport_isReadOrRefusedForNamingNoImage(String file) {
        byte[] bytes = RealPayloads.corpus(file);
        if (NO_IMAGE.contains(file)) {
            assertThatThrownBy(() -> ScanReports.parse(bytes)).isInstanceOf(InvalidReportException.class)
                    .hasMessageContaining("names no image digest");
            return;
        }

        ScanReport report = ScanReports.parse(bytes);

        assertThat(report.source().name()).isEqualTo(file.substring(0, file.indexOf('/')).toUpperCase());
        assertThat(report.imageDigests()).isNotEmpty().allMatch(d -> d.matches("sha256:[a-f0-9]{64}"));
        assertThat(report.nothingScanned() != null).isEqualTo(NOTHING_SCANNED.contains(file));
        assertThat(report.findings()).allSatisfy(f -> {
            assertThat(f.id()).isNotBlank().isNotEqualTo("UNKNOWN-ID");
            // A scanner's score is never dropped: whatever is unranked has no usable CVSS.
            if (!f.ranked()) {
                assertThat(Severity.fromCvss(f.cvss())).isNull();
            }
        });
    }
}
