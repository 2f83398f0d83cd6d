package dev.shipgate.webhook.github;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * GitHub's {@code application/x-www-form-urlencoded} delivery: the JSON payload sits URL-encoded in a
 * {@code payload} field. Decoded only after the signature over the encoded body has been verified.
 */
public final class FormBody {

    private static final String FIELD = "payload=";

    private FormBody() {
    }

    public static byte[] payload(byte[] body) throws InvalidPayloadException {
        String form = new String(body, StandardCharsets.US_ASCII);
        for (String pair : form.split("&")) {
            if (pair.startsWith(FIELD)) {
                try {
                    return URLDecoder.decode(pair.substring(FIELD.length()), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new InvalidPayloadException("the form field \"payload\" is not valid URL encoding");
                }
            }
        }
        throw new InvalidPayloadException("the form body has no \"payload\" field");
    }
}
