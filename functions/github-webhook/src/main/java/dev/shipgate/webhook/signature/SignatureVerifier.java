package dev.shipgate.webhook.signature;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * GitHub's {@code X-Hub-Signature-256} rule: {@code sha256=} + hex HMAC-SHA256(secret, exact body
 * bytes), compared in constant time against each value of the secret.
 */
public final class SignatureVerifier {

    static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = 64;
    private static final String ALGORITHM = "HmacSHA256";

    /** Why a signature was accepted or not. */
    public enum Result {
        VALID,
        MISSING,
        MALFORMED,
        MISMATCH;

        public boolean valid() {
            return this == VALID;
        }
    }

    private SignatureVerifier() {
    }

    public static Result verify(String header, byte[] body, WebhookSecret secret) {
        if (header == null || header.isBlank()) {
            return Result.MISSING;
        }
        byte[] expected = decode(header.strip());
        if (expected == null) {
            return Result.MALFORMED;
        }
        boolean match = false;
        // Every key is tried, so the time taken does not tell which one matched.
        for (byte[] key : secret.keys()) {
            match |= MessageDigest.isEqual(hmac(key, body), expected);
        }
        return match ? Result.VALID : Result.MISMATCH;
    }

    /** The header value GitHub would send for this body, for tests, samples and priming. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] decode(String header) {
        if (header.length() != PREFIX.length() + HEX_LENGTH || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
