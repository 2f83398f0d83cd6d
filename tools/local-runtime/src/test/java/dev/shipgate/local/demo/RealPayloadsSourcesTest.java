package dev.shipgate.local.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every corpus file has its provenance in SOURCES.md, and lies in a folder whose test runs it through its function. */
class RealPayloadsSourcesTest {

    /** A table row: | `file` | owner/repo | `path` | `commit` | licence | note | */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([\\w.-]+/[\\w.-]+) \\| `[^`]+` \\| `([0-9a-f]{40})` \\| ([^|]+) \\|",
            Pattern.MULTILINE);

    @Test
    void sources_listEveryFileWithRepositoryCommitAndLicence_atLeast40FilesFrom10Repositories() throws IOException {
        String sources = Files.readString(RealPayloads.DIR.resolve("SOURCES.md"));
        Set<String> listed = new HashSet<>();
        Set<String> repositories = new HashSet<>();
        Matcher row = ROW.matcher(sources);
        while (row.find()) {
            assertThat(row.group(4).isBlank()).as(row.group(1)).isFalse();
            listed.add(row.group(1));
            repositories.add(row.group(2));
        }

        assertThat(listed).containsExactlyInAnyOrderElementsOf(corpusFiles());
        assertThat(listed).hasSizeGreaterThanOrEqualTo(40);
        assertThat(repositories).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void corpus_everyFileIsInAFolderATestRuns() throws IOException {
        assertThat(corpusFiles()).allSatisfy(file ->
                assertThat(RealPayloads.FOLDERS).as(file).anyMatch(folder -> file.startsWith(folder + "/")));
    }

    private static List<String> corpusFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(RealPayloads.DIR)) {
            return walk.filter(Files::isRegularFile).map(p -> RealPayloads.DIR.relativize(p).toString())
                    .filter(f -> !f.equals("SOURCES.md")).sorted().toList();
        }
    }
}
