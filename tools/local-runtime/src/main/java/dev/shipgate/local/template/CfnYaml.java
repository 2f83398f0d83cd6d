package dev.shipgate.local.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a CloudFormation YAML template into a JSON tree, turning the short-form tags into their
 * long form ({@code !Ref X} → {@code {"Ref":"X"}}, {@code !GetAtt A.B} → {@code {"Fn::GetAtt":["A","B"]}},
 * {@code !Sub ...} → {@code {"Fn::Sub":...}}). A plain YAML-to-tree read silently drops the tags.
 */
public final class CfnYaml {

    private static final Set<String> FN_TAGS = Set.of("Sub", "Join", "If", "Equals", "Not", "And", "Or", "Select",
            "Split", "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs", "Transform", "ToJsonString", "Length");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CfnYaml() {
    }

    public static JsonNode read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String yaml) {
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            parser.nextToken();
            return node(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode node(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonToken token = parser.currentToken();
        JsonNode value = switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, node(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                yield array;
            }
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> new TextNode(parser.getText());
        };
        return tag == null ? value : tagged(tag, value);
    }

    private static JsonNode tagged(String rawTag, JsonNode value) {
        String tag = rawTag.startsWith("!") ? rawTag.substring(1) : rawTag;
        if ("Ref".equals(tag)) {
            return NODES.objectNode().set("Ref", value);
        }
        if ("Condition".equals(tag)) {
            return NODES.objectNode().set("Condition", value);
        }
        if ("GetAtt".equals(tag)) {
            if (value.isTextual()) {
                String text = value.asText();
                int dot = text.indexOf('.');
                ArrayNode parts = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
                return NODES.objectNode().set("Fn::GetAtt", parts);
            }
            return NODES.objectNode().set("Fn::GetAtt", value);
        }
        if (FN_TAGS.contains(tag)) {
            return NODES.objectNode().set("Fn::" + tag, value);
        }
        // Standard YAML tags (!!str and the like) carry no CloudFormation meaning.
        return value;
    }
}
