package dev.shipgate.webhook.github;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Where the JSON payload sits in a delivery's signed bytes. The signature covers the body but not the
 * Content-Type header, so the form is decided by the header and the bytes together, and each form is
 * read only in the one shape GitHub sends: a JSON delivery is a JSON object, a form delivery is exactly
 * one {@code payload=} field. A body that fits neither, or could be read both ways, is refused, so a
 * signed JSON body cannot be re-sent as a form whose text smuggles a second payload.
 */
public final class DeliveryBody {

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    private static final String FIELD = "payload=";

    private DeliveryBody() {
    }

    /** The media type of a Content-Type header, lower-cased without parameters; null when absent. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    public static boolean supports(String mediaType) {
        return JSON.equals(mediaType) || FORM.equals(mediaType);
    }

    /**
     * The JSON payload of a verified body sent with {@code mediaType} (one of {@link #supports}).
     *
     * @throws InvalidPayloadException when the bytes are not the shape GitHub sends for that type
     */
    public static byte[] payload(String mediaType, byte[] body) throws InvalidPayloadException {
        if (FORM.equals(mediaType)) {
            return formPayload(body);
        }
        if (!JSON.equals(mediaType)) {
            throw new IllegalArgumentException("unsupported media type " + mediaType);
        }
        if (startsWith(body, FIELD)) {
            throw new InvalidPayloadException("the body is form-encoded but was sent as application/json");
        }
        if (firstNonWhitespace(body) != '{') {
            throw new InvalidPayloadException("the payload is not a JSON object");
        }
        return body;
    }

    private static byte[] formPayload(byte[] body) throws InvalidPayloadException {
        if (!startsWith(body, FIELD)) {
            throw new InvalidPayloadException(firstNonWhitespace(body) == '{'
                    ? "the body is JSON but was sent as application/x-www-form-urlencoded"
                    : "a form-encoded delivery must be exactly one \"payload\" field");
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(body.length);
        for (int i = FIELD.length(); i < body.length; i++) {
            byte b = body[i];
            if (b == '%') {
                int high = i + 2 < body.length ? Character.digit(body[i + 1], 16) : -1;
                int low = high >= 0 ? Character.digit(body[i + 2], 16) : -1;
                if (low < 0) {
                    throw new InvalidPayloadException("the form field \"payload\" is not valid URL encoding");
                }
                decoded.write(high << 4 | low);
                i += 2;
            } else if (b == '+') {
                decoded.write(' ');
            } else if (isUnreserved(b)) {
                decoded.write(b);
            } else {
                // '&', '=' and every other raw character: GitHub percent-encodes all of them, so this is not its form.
                throw new InvalidPayloadException("a form-encoded delivery must be exactly one URL-encoded \"payload\" field");
            }
        }
        byte[] json = decoded.toByteArray();
        if (firstNonWhitespace(json) != '{') {
            throw new InvalidPayloadException("the form field \"payload\" does not hold a JSON object");
        }
        return json;
    }

    private static boolean isUnreserved(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                || b == '-' || b == '.' || b == '_' || b == '*' || b == '~';
    }

    private static boolean startsWith(byte[] body, String prefix) {
        if (body.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (body[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first byte that is not JSON whitespace, or -1. */
    private static int firstNonWhitespace(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b;
            }
        }
        return -1;
    }
}
