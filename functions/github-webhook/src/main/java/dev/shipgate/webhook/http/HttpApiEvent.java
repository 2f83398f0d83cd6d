package dev.shipgate.webhook.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API (payload format 2.0) or Function URL event the webhook uses,
 * read with a streaming parser: header names lower-cased, the body as the exact bytes GitHub sent.
 */
public record HttpApiEvent(Map<String, String> headers, byte[] body) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(40_000_000).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    public static HttpApiEvent read(InputStream in) throws InvalidEventException {
        Map<String, String> headers = new HashMap<>();
        String body = null;
        boolean base64 = false;
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidEventException("the invocation is not an API Gateway HTTP API event");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "headers" -> readHeaders(parser, value, headers);
                    case "body" -> body = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "isBase64Encoded" -> base64 = value == JsonToken.VALUE_TRUE;
                    default -> parser.skipChildren();
                }
            }
        } catch (StreamReadException e) {
            boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
            throw new InvalidEventException(duplicate ? "the invocation has a duplicate key" : "the invocation is not valid JSON");
        } catch (IOException e) {
            throw new InvalidEventException("the invocation is not valid JSON");
        }
        return new HttpApiEvent(headers, decode(body, base64));
    }

    private static void readHeaders(JsonParser parser, JsonToken start, Map<String, String> headers) throws IOException, InvalidEventException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName().toLowerCase(Locale.ROOT);
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                String previous = headers.put(name, parser.getText());
                // HTTP API lower-cases names and joins repeats, so two spellings of one header mean another sender:
                // refuse rather than pick one (which signature, which content type?).
                if (previous != null && !previous.equals(headers.get(name))) {
                    throw new InvalidEventException("the header " + (name.length() > 64 ? name.substring(0, 64) + "..." : name)
                            + " is given twice with different values");
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static byte[] decode(String body, boolean base64) throws InvalidEventException {
        if (body == null) {
            return new byte[0];
        }
        if (!base64) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("the event says isBase64Encoded but its body is not valid base64");
        }
    }

    /** The invocation itself is unusable (not a GitHub problem: the gateway or a test sent it). */
    public static final class InvalidEventException extends Exception {
        public InvalidEventException(String message) {
            super(message);
        }
    }
}
