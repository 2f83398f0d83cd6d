package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small readers for a CloudFormation template held as JSON (intrinsics in their long form). */
public final class Cfn {

    private Cfn() {
    }

    public static Map<String, JsonNode> resources(JsonNode template) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    public static Map<String, JsonNode> resourcesOfType(JsonNode template, String type) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        resources(template).forEach((id, resource) -> {
            if (type.equals(resource.path("Type").asText())) {
                result.put(id, resource);
            }
        });
        return result;
    }

    public static JsonNode properties(JsonNode resource) {
        return resource.path("Properties");
    }

    /** The logical id a {"Ref": id} or {"Fn::GetAtt": [id, attr]} (or "id.attr") points at. */
    public static Optional<String> target(JsonNode value) {
        if (value.isObject() && value.size() == 1) {
            if (value.has("Ref")) {
                return Optional.of(value.get("Ref").asText());
            }
            JsonNode getAtt = value.get("Fn::GetAtt");
            if (getAtt != null) {
                String text = getAtt.isArray() ? getAtt.path(0).asText() : getAtt.asText().split("\\.")[0];
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /**
     * Every value a property may take: a plain value is itself, {"Fn::If": [c, a, b]} is both
     * branches, AWS::NoValue is nothing, and a list is its elements, each expanded the same way.
     */
    public static List<JsonNode> alternatives(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(JsonNode value, List<JsonNode> out) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return;
        }
        if (value.isObject() && value.size() == 1 && value.has("Fn::If") && value.get("Fn::If").size() == 3) {
            collect(value.get("Fn::If").get(1), out);
            collect(value.get("Fn::If").get(2), out);
            return;
        }
        if (value.isObject() && "AWS::NoValue".equals(value.path("Ref").asText(null))) {
            return;
        }
        if (value.isArray()) {
            value.forEach(v -> collect(v, out));
            return;
        }
        out.add(value);
    }
}
