package dev.shipgate.notifier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Domain packages stay free of Lambda and SDK types; only the handler and the aws adapters touch them. */
class LayeringTest {

    @org.junit.jupiter.api.Test
    void functionCode_neverLoadsAnObjectMapper() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }

        for (Path source : sources) {
            assertThat(Files.readString(source)).as(source.toString())
                    .doesNotContain("Json.MAPPER").doesNotContain("import com.fasterxml.jackson.databind.ObjectMapper");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"event", "message", "policy", "slack", "state", "execution"})
    void domainPackage_importsNoLambdaOrSdkTypes(String pkg) throws IOException {
        Path dir = Path.of("src/main/java/dev/shipgate/notifier", pkg);
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }

        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            assertThat(Files.readString(source)).as(source.toString())
                    .doesNotContain("import software.amazon.awssdk").doesNotContain("import com.amazonaws");
        }
    }
}
