package dev.shipgate.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipgate.local.Workspace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/performance.md is generated from the committed results.json of a bench run, never typed by hand. */
class PerformanceDocTest {

    @Test
    void performancePage_isExactlyWhatBenchRendersFromTheCommittedResults() throws IOException {
        Path root = Workspace.root();
        var results = new ObjectMapper().readTree(root.resolve(Bench.DOCS_RESULTS).toFile());

        assertThat(Files.readString(root.resolve(Bench.DOCS)))
                .as("regenerate with: tools/shipgate-local bench --docs (or bench render " + Bench.DOCS_RESULTS + ")")
                .isEqualTo(Report.page(results));
        assertThat(results.path("functions").findValuesAsText("name")).contains("github-webhook", "scan-gate", "slack-notifier");
        assertThat(results.path("command").asText()).startsWith("tools/shipgate-local bench");
    }
}
