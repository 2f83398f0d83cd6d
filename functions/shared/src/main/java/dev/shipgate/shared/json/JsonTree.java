package dev.shipgate.shared.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads and writes Jackson {@link JsonNode} trees with jackson-core's streaming parser and generator,
 * without an {@code ObjectMapper}: the functions need trees only, and the mapper's ~460 classes cost
 * about 100 ms of every cold start (the shared {@code JsonLog} is mapper-free for the same reason).
 * Reads the same trees as {@code ObjectMapper.readTree}, also from other formats' parsers (YAML).
 * Never call {@code JsonNode.toString()} in function code: it builds a hidden mapper.
 * A key repeated in one object is refused rather than last-wins: a reader that keeps the first copy would see
 * another document than ours, and injected keys (a build variable holding {@code ","key":"...}) would win.
 */
public final class JsonTree {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTree() {
    }

    /** The document's root, or a missing node for empty input; malformed JSON, or anything after the root, throws. */
    public static JsonNode parse(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return whole(parser);
        }
    }

    public static JsonNode parse(byte[] utf8) throws IOException {
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            return whole(parser);
        }
    }

    public static JsonNode parse(InputStream in) throws IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            return whole(parser);
        }
    }

    /** Text after the root is refused, as a second copy of a key is: {@code {"a":"x"},"a":"y"}} must not read as a. */
    private static JsonNode whole(JsonParser parser) throws IOException {
        JsonNode root = root(parser);
        if (!root.isMissingNode() && parser.nextToken() != null) {
            throw new JsonParseException(parser, "unexpected text after the JSON value");
        }
        return root;
    }

    /** The first document from a parser of any Jackson format (e.g. YAML); the caller closes the parser. */
    public static JsonNode read(JsonParser parser) throws IOException {
        return root(parser);
    }

    public static String write(JsonNode node) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    public static void write(JsonNode node, OutputStream out) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        }
    }

    private static JsonNode root(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? MissingNode.getInstance() : value(parser, token);
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (object.replace(name, value(parser, parser.nextToken())) != null) {
                        throw new JsonParseException(parser, "duplicate key '" + name + "'");
                    }
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded(parser.getEmbeddedObject());
            default -> throw new IOException("unexpected JSON token " + token);
        };
    }

    /** What a YAML tagged scalar such as {@code !!binary} becomes, as with {@code ObjectMapper.readTree}. */
    private static JsonNode embedded(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case byte[] binary -> NODES.binaryNode(binary);
            default -> NODES.pojoNode(value);
        };
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode item : node) {
                    write(generator, item);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> generator.writeNumber(node.intValue());
                    case LONG -> generator.writeNumber(node.longValue());
                    case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
                    default -> generator.writeNumber(node.doubleValue());
                }
            }
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL, MISSING -> generator.writeNull();
            default -> generator.writeString(node.asText());
        }
    }
}
