package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipgate.local.Workspace;
import dev.shipgate.local.template.LocalParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The corpus of published payloads under {@code events/real/} (provenance in its SOURCES.md). */
final class RealPayloads {

    static final Path ROOT = Workspace.root();
    static final Path DIR = ROOT.resolve("events/real");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private RealPayloads() {
    }

    /** Every corpus file under {@code folder} (relative to events/real), as paths relative to events/real. */
    static Stream<String> files(String folder) {
        try (Stream<Path> walk = Files.walk(DIR.resolve(folder))) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json"))
                    .map(p -> DIR.relativize(p).toString()).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String file) {
        return new String(bytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }

    static JsonNode json(String file) {
        try {
            return MAPPER.readTree(bytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not JSON", e);
        }
    }

    /** The local parameters with some values replaced, like {@code sam local --parameter-overrides}. */
    static LocalParams params(Map<String, String> overrides) {
        LocalParams base = Workspace.params(ROOT);
        Map<String, String> parameters = new HashMap<>(base.parameters());
        parameters.putAll(overrides);
        return new LocalParams(base.stackName(), parameters, base.resources());
    }

    /** The folders the corpus tests cover; {@link RealPayloadsSourcesTest} checks nothing lies outside them. */
    static final List<String> FOLDERS = List.of("github-webhook", "slack-notifier", "scan-gate/jobs", "scan-gate/ecr",
            "scan-gate/clair", "scan-gate/trivy", "scan-gate/grype");
}
