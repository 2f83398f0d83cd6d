package dev.shipgate.webhook.github;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SkipMarkersTest {

    @ParameterizedTest
    @ValueSource(strings = {"[skip ci]", "[ci skip]", "[no ci]", "[skip actions]", "[actions skip]"})
    void find_eachBracketMarker_anywhereInMessage(String marker) {
        assertThat(SkipMarkers.find("Update docs " + marker)).contains(marker);
        assertThat(SkipMarkers.find(marker + " Update docs")).contains(marker);
        assertThat(SkipMarkers.find("Update docs\n\nbody text " + marker + " more")).contains(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"skip-checks:true", "skip-checks: true"})
    void find_skipChecksTrailerAfterTwoEmptyLines_skips(String trailer) {
        assertThat(SkipMarkers.find("Update docs\n\n\n" + trailer)).contains("skip-checks: true");
        assertThat(SkipMarkers.find("Update docs\n\nBody.\n\n\nSigned-off-by: Mona <m@example.com>\n" + trailer + "\n"))
                .contains("skip-checks: true");
    }

    @Test
    void find_skipChecksTrailerAfterOneEmptyLine_doesNotSkip() {
        // GitHub requires two empty lines before the trailer block (git's default cleanup squeezes them to one).
        assertThat(SkipMarkers.find("Update docs\n\nskip-checks: true")).isEmpty();
    }

    @Test
    void find_skipChecksNotLastTrailer_doesNotSkip() {
        assertThat(SkipMarkers.find("Update docs\n\n\nskip-checks: true\nSigned-off-by: Mona <m@example.com>")).isEmpty();
    }

    @Test
    void find_skipChecksFalseOrInSubject_doesNotSkip() {
        assertThat(SkipMarkers.find("Update docs\n\n\nskip-checks: false")).isEmpty();
        assertThat(SkipMarkers.find("skip-checks: true")).isEmpty();
    }

    @Test
    void find_nearMisses_doNotSkip() {
        assertThat(SkipMarkers.find("Update docs [skip-ci]")).isEmpty();
        assertThat(SkipMarkers.find("Update docs skip ci")).isEmpty();
        assertThat(SkipMarkers.find("Update docs [SKIP CI]")).isEmpty();
        assertThat(SkipMarkers.find("")).isEmpty();
        assertThat(SkipMarkers.find(null)).isEmpty();
    }

    @Test
    void find_windowsLineEndings_trailerStillFound() {
        assertThat(SkipMarkers.find("Update docs\r\n\r\n\r\nskip-checks: true\r\n")).contains("skip-checks: true");
    }
}
