package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README stays a five-minute read, and it and docs/ tell the truth about the template, CI and each other. */
class ReadmeTest {

    private static final int README_MAX_BYTES = 12 * 1024;
    private static final Pattern PARAMETER_ROW = Pattern.compile("^\\| ([^|]+?) \\| `([A-Za-z0-9]+)` \\| ([^|]+?) \\|", Pattern.MULTILINE);
    /** Inline links and images: [text](target) — the target up to a space, ')' or '#'. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s#]*)(#[^)\\s]*)?\\)");
    private static final Pattern FENCE = Pattern.compile("^```.*?^```", Pattern.MULTILINE | Pattern.DOTALL);

    @Test
    void readme_isAtMost12Kilobytes() throws IOException {
        assertThat(Files.size(Templates.root().resolve("README.md"))).isLessThanOrEqualTo(README_MAX_BYTES);
    }

    @Test
    void everyRelativeLink_inReadmeAndDocs_resolvesToAFileInTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> checked = markdownFiles();
        for (Path file : checked) {
            Matcher link = LINK.matcher(FENCE.matcher(Files.readString(file)).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (target.isEmpty() || target.matches("^[a-z]+:.*")) {
                    continue; // same-page anchor, or http(s)/mailto
                }
                if (!Files.exists(file.getParent().resolve(target).normalize())) {
                    broken.add(Templates.root().relativize(file) + " -> " + target);
                }
            }
        }

        assertThat(checked).contains(Templates.root().resolve("README.md"), Templates.root().resolve("docs/operations.md"));
        assertThat(broken).as("links to missing files").isEmpty();
    }

    @Test
    void parametersTable_matchesParameterGroupsOrderAndLabels() throws IOException {
        JsonNode template = Templates.sam();
        JsonNode groups = template.at("/Metadata/AWS::CloudFormation::Interface/ParameterGroups");
        JsonNode labels = template.at("/Metadata/AWS::CloudFormation::Interface/ParameterLabels");
        List<String> expected = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode parameter : group.path("Parameters")) {
                expected.add(group.at("/Label/default").asText() + " | " + parameter.asText() + " | "
                        + labels.path(parameter.asText()).path("default").asText());
            }
        }

        List<String> documented = new ArrayList<>();
        Matcher row = PARAMETER_ROW.matcher(parametersSection());
        while (row.find()) {
            documented.add(row.group(1) + " | " + row.group(2) + " | " + row.group(3));
        }

        assertThat(documented).containsExactlyElementsOf(expected);
    }

    @Test
    void quickStart_firstTwoCommandsAreTheDemoAndTheTestCommandThatCiRuns() throws IOException {
        String readme = Files.readString(Templates.root().resolve("README.md"));
        String quickStart = readme.substring(readme.indexOf("## Quick start"));
        List<String> commands = quickStart.substring(quickStart.indexOf("```bash") + 7, quickStart.indexOf("```", quickStart.indexOf("```bash") + 7))
                .lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("export ") && !l.startsWith("#"))
                .map(l -> l.replaceAll("\\s+#.*$", "")).toList();
        String ci = Files.readString(Templates.root().resolve(".ci/run"));

        assertThat(commands).startsWith("tools/shipgate-local demo", "./mvnw verify");
        assertThat(ci.lines().map(String::strip)).contains("./mvnw verify");
    }

    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> docs = Files.walk(Templates.root().resolve("docs"))) {
            return Stream.concat(Stream.of(Templates.root().resolve("README.md")),
                    docs.filter(p -> p.toString().endsWith(".md")).sorted()).toList();
        }
    }

    private static String parametersSection() throws IOException {
        String deploy = Files.readString(Templates.root().resolve("docs/deploy.md"));
        int start = deploy.indexOf("## Parameters");
        assertThat(start).as("docs/deploy.md has a '## Parameters' section").isNotNegative();
        int end = deploy.indexOf("\n## ", start + 1);
        return deploy.substring(start, end < 0 ? deploy.length() : end);
    }
}
