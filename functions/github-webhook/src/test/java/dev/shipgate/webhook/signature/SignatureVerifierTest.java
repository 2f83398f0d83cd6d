package dev.shipgate.webhook.signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static dev.shipgate.webhook.signature.SignatureVerifier.Result.MALFORMED;
import static dev.shipgate.webhook.signature.SignatureVerifier.Result.MISMATCH;
import static dev.shipgate.webhook.signature.SignatureVerifier.Result.MISSING;
import static dev.shipgate.webhook.signature.SignatureVerifier.Result.VALID;
import static org.assertj.core.api.Assertions.assertThat;

class SignatureVerifierTest {

    // GitHub's published test vector (docs: validating webhook deliveries).
    private static final String VECTOR_SECRET = "It's a Secret to Everybody";
    private static final byte[] VECTOR_PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String VECTOR_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void sign_githubTestVector_matchesPublishedSignature() {
        assertThat(SignatureVerifier.sign(VECTOR_SECRET, VECTOR_PAYLOAD)).isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void verify_githubTestVector_isValid() {
        assertThat(SignatureVerifier.verify(VECTOR_SIGNATURE, VECTOR_PAYLOAD, WebhookSecret.of(VECTOR_SECRET))).isEqualTo(VALID);
    }

    @Test
    void verify_upperCaseHexDigest_isValid() {
        String upper = "sha256=" + VECTOR_SIGNATURE.substring(7).toUpperCase();
        assertThat(SignatureVerifier.verify(upper, VECTOR_PAYLOAD, WebhookSecret.of(VECTOR_SECRET))).isEqualTo(VALID);
    }

    @Test
    void verify_oneByteChangedInBody_isMismatch() {
        byte[] changed = "Hello, World?".getBytes(StandardCharsets.UTF_8);
        assertThat(SignatureVerifier.verify(VECTOR_SIGNATURE, changed, WebhookSecret.of(VECTOR_SECRET))).isEqualTo(MISMATCH);
    }

    @Test
    void verify_otherSecret_isMismatch() {
        assertThat(SignatureVerifier.verify(VECTOR_SIGNATURE, VECTOR_PAYLOAD, WebhookSecret.of("another secret"))).isEqualTo(MISMATCH);
    }

    @Test
    void verify_noHeader_isMissing() {
        assertThat(SignatureVerifier.verify(null, VECTOR_PAYLOAD, WebhookSecret.of(VECTOR_SECRET))).isEqualTo(MISSING);
        assertThat(SignatureVerifier.verify("  ", VECTOR_PAYLOAD, WebhookSecret.of(VECTOR_SECRET))).isEqualTo(MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17a",
            "sha256=z57107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "sha256="})
    void verify_malformedHeader_isMalformed(String header) {
        assertThat(SignatureVerifier.verify(header, VECTOR_PAYLOAD, WebhookSecret.of(VECTOR_SECRET))).isEqualTo(MALFORMED);
    }

    @Test
    void verify_rotationJson_acceptsCurrentAndPrevious() {
        WebhookSecret rotating = WebhookSecret.parse("{\"current\":\"new secret\",\"previous\":\"" + VECTOR_SECRET.replace("'", "'") + "\"}");

        assertThat(SignatureVerifier.verify(VECTOR_SIGNATURE, VECTOR_PAYLOAD, rotating)).isEqualTo(VALID);
        assertThat(SignatureVerifier.verify(SignatureVerifier.sign("new secret", VECTOR_PAYLOAD), VECTOR_PAYLOAD, rotating)).isEqualTo(VALID);
        assertThat(SignatureVerifier.verify(SignatureVerifier.sign("older secret", VECTOR_PAYLOAD), VECTOR_PAYLOAD, rotating)).isEqualTo(MISMATCH);
    }

    @Test
    void verify_emptyBody_isSignedLikeAnyOther() {
        byte[] empty = new byte[0];
        assertThat(SignatureVerifier.verify(SignatureVerifier.sign("s", empty), empty, WebhookSecret.of("s"))).isEqualTo(VALID);
    }
}
