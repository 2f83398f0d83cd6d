package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README tells the truth about the template and about what CI runs. */
class ReadmeTest {

    private static final Pattern PARAMETER_ROW = Pattern.compile("^\\| ([^|]+?) \\| `([A-Za-z0-9]+)` \\| ([^|]+?) \\|", Pattern.MULTILINE);

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
        String readme = readme();
        String quickStart = readme.substring(readme.indexOf("## Quick start"));
        List<String> commands = quickStart.substring(quickStart.indexOf("```bash") + 7, quickStart.indexOf("```", quickStart.indexOf("```bash") + 7))
                .lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("export ") && !l.startsWith("#"))
                .map(l -> l.replaceAll("\\s+#.*$", "")).toList();
        String ci = Files.readString(Templates.root().resolve(".ci/run"));

        assertThat(commands).startsWith("tools/shipgate-local demo", "./mvnw verify");
        assertThat(ci.lines().map(String::strip)).contains("./mvnw verify");
    }

    private static String parametersSection() throws IOException {
        String readme = readme();
        int start = readme.indexOf("### Parameters");
        assertThat(start).as("README has a '### Parameters' section").isNotNegative();
        int end = readme.indexOf("\n## ", start);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String readme() throws IOException {
        return Files.readString(Templates.root().resolve("README.md"));
    }
}
