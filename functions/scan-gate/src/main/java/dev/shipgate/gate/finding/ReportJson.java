package dev.shipgate.gate.finding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.util.Locale;

/**
 * Typed reads of a scanner's JSON report. A member of the wrong type is an {@link InvalidReportException} naming its
 * path, never a silently empty value: a string where a list of findings belongs must not read as "no findings".
 */
final class ReportJson {

    private ReportJson() {
    }

    static JsonNode parse(byte[] json) {
        JsonNode root;
        try {
            root = JsonTree.parse(json);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidReportException("is not valid JSON (" + message + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidReportException("is not a JSON object");
        }
        return root;
    }

    /** The member as an object; absent or null only when {@code optional}, then a missing node. */
    static JsonNode object(JsonNode parent, String field, String path, boolean optional) {
        JsonNode value = parent.path(field);
        if (absent(value)) {
            if (optional) {
                return MissingNode.getInstance();
            }
            throw missing(path);
        }
        if (!value.isObject()) {
            throw wrongType(path, "an object", value);
        }
        return value;
    }

    /** The member as an array; absent or null reads as an empty array only when {@code optional}. */
    static JsonNode array(JsonNode parent, String field, String path, boolean optional) {
        JsonNode value = parent.path(field);
        if (absent(value)) {
            if (optional) {
                return JsonNodeFactory.instance.arrayNode();
            }
            throw missing(path);
        }
        if (!value.isArray()) {
            throw wrongType(path, "a list", value);
        }
        return value;
    }

    /** A string member, trimmed; null when absent, null or blank; numbers are read as their text. */
    static String text(JsonNode parent, String field, String path) {
        JsonNode value = parent.path(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw wrongType(path, "a string", value);
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** A score given as a number or as a number inside a string ({@code "4.6"}); null when absent or blank. */
    static Double number(JsonNode parent, String field, String path) {
        JsonNode value = parent.path(field);
        if (absent(value)) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                throw wrongType(path, "a number", value);
            }
        }
        throw wrongType(path, "a number", value);
    }

    static boolean absent(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull();
    }

    static InvalidReportException missing(String path) {
        return new InvalidReportException("has no '" + path + "'");
    }

    static InvalidReportException wrongType(String path, String expected, JsonNode value) {
        return new InvalidReportException("has '" + path + "' as " + describe(value) + " where " + expected + " belongs");
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
