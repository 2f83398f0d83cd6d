package dev.shipgate.webhook.github;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks a few dotted paths ({@code head_commit.author.name}) out of a JSON document in one streaming
 * pass, skipping everything else without building a tree: a push payload can hold 2048 commits and
 * weigh megabytes, of which the webhook needs a dozen values. The whole document is still read, so
 * invalid JSON anywhere is reported.
 */
final class JsonFields {

    // Duplicate keys refused: with "last wins" a reader elsewhere could see another push than the one started.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(25_000_000).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final Set<String> wanted;
    private final Set<String> containers = new HashSet<>();

    JsonFields(Set<String> wanted) {
        this.wanted = Set.copyOf(wanted);
        for (String path : wanted) {
            for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
                containers.add(path.substring(0, dot));
            }
        }
    }

    /**
     * Scalars come back as their text (booleans and numbers included), JSON null as absent, arrays of
     * scalars as {@code List<String>}.
     */
    Map<String, Object> read(byte[] json) throws InvalidPayloadException {
        Map<String, Object> values = new HashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidPayloadException("the payload is not a JSON object");
            }
            readObject(parser, "", values);
            if (parser.nextToken() != null) {
                throw new InvalidPayloadException("the payload has content after its JSON object");
            }
        } catch (IOException e) {
            throw new InvalidPayloadException("the payload is not valid JSON (" + shortReason(e) + ")");
        }
        return values;
    }

    private void readObject(JsonParser parser, String prefix, Map<String, Object> values) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = prefix.isEmpty() ? parser.currentName() : prefix + '.' + parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                if (containers.contains(path)) {
                    readObject(parser, path, values);
                } else {
                    parser.skipChildren();
                }
            } else if (token == JsonToken.START_ARRAY) {
                if (wanted.contains(path)) {
                    values.put(path, readScalars(parser));
                } else {
                    parser.skipChildren();
                }
            } else if (token != JsonToken.VALUE_NULL && wanted.contains(path)) {
                values.put(path, parser.getText());
            }
        }
    }

    private static List<String> readScalars(JsonParser parser) throws IOException {
        List<String> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else if (token != JsonToken.VALUE_NULL) {
                items.add(parser.getText());
            }
        }
        return items;
    }

    /** What is wrong and where, never payload text: Jackson's messages quote tokens and field names. */
    private static String shortReason(IOException e) {
        if (!(e instanceof JsonProcessingException jpe)) {
            return "unreadable: " + e.getClass().getSimpleName();
        }
        String what = jpe instanceof JsonEOFException ? "it ends too early"
                : jpe instanceof StreamConstraintsException ? "a value exceeds the size limit"
                : jpe.getOriginalMessage() != null && jpe.getOriginalMessage().startsWith("Duplicate field") ? "duplicate key"
                : "syntax error";
        JsonLocation location = jpe.getLocation();
        return location == null ? what : what + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
