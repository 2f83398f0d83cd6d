package dev.shipgate.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code tools/local-runtime/local-params.json}: the stack name, parameter values and optional
 * resource values ({@code "Logical"} for {@code !Ref}, {@code "Logical.Attr"} for {@code !GetAtt})
 * a local run uses, like {@code sam local --parameter-overrides}.
 */
public record LocalParams(String stackName, Map<String, String> parameters, Map<String, String> resources) {

    public LocalParams {
        parameters = Map.copyOf(parameters);
        resources = Map.copyOf(resources);
    }

    public static LocalParams read(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file));
            return new LocalParams(root.path("StackName").asText("shipgate-local"),
                    strings(root.path("Parameters")), strings(root.path("Resources")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public LocalParams withResource(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(resources);
        merged.put(key, value);
        return new LocalParams(stackName, parameters, merged);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("_")) {
                values.put(e.getKey(), e.getValue().asText());
            }
        });
        return values;
    }
}
