package dev.shipgate.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden Slack messages in {@code src/test/resources/golden/<name>.json}. To regenerate them after an
 * intended change to the messages, run
 * {@code ./mvnw -q -pl functions/slack-notifier verify -Dgolden.update=true} and review the diff.
 */
final class Golden {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    static void assertMatches(String name, JsonNode message) {
        Path file = DIR.resolve(name + ".json");
        try {
            String actual = PRETTY.writeValueAsString(message) + "\n";
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual);
            }
            assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
            assertThat(PRETTY.readTree(Files.readString(file))).as("golden message %s", name).isEqualTo(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
