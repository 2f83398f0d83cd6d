package dev.shipgate.webhook.signature;

import dev.shipgate.shared.secret.SecretCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSecretTest {

    @Test
    void parse_plainString_isTheOnlyKey() {
        WebhookSecret secret = WebhookSecret.parse("plain-secret");

        assertThat(secret.keys()).hasSize(1);
        assertThat(new String(secret.keys().get(0))).isEqualTo("plain-secret");
    }

    @Test
    void parse_rotationJson_keepsCurrentThenPrevious() {
        WebhookSecret secret = WebhookSecret.parse(" {\"current\":\"new\",\"previous\":\"old\",\"note\":{\"x\":1}} ");

        assertThat(secret.keys()).extracting(String::new).containsExactly("new", "old");
    }

    @Test
    void parse_rotationJsonWithoutPrevious_hasOneKey() {
        assertThat(WebhookSecret.parse("{\"current\":\"new\"}").keys()).extracting(String::new).containsExactly("new");
        assertThat(WebhookSecret.parse("{\"current\":\"new\",\"previous\":\"\"}").keys()).hasSize(1);
    }

    @Test
    void parse_jsonWithoutCurrent_failsWithoutQuotingValue() {
        assertThatThrownBy(() -> WebhookSecret.parse("{\"previous\":\"s3cr3t-value\"}"))
                .isInstanceOf(WebhookSecret.InvalidSecretException.class)
                .hasMessageContaining("\"current\"")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void parse_brokenJson_failsWithoutQuotingValue() {
        assertThatThrownBy(() -> WebhookSecret.parse("{\"current\":\"s3cr3t-value\""))
                .isInstanceOf(WebhookSecret.InvalidSecretException.class)
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void parse_empty_fails() {
        assertThatThrownBy(() -> WebhookSecret.parse("  ")).isInstanceOf(WebhookSecret.InvalidSecretException.class);
        assertThatThrownBy(() -> WebhookSecret.parse(null)).isInstanceOf(WebhookSecret.InvalidSecretException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s3cr3t-value\n", " s3cr3t-value", "s3cr3t-value\t", "\r\ns3cr3t-value\r\n"})
    void parse_plainSecretWithSurroundingWhitespace_refusedNamingTheFix(String stored) {
        assertThatThrownBy(() -> WebhookSecret.parse(stored))
                .isInstanceOf(WebhookSecret.InvalidSecretException.class)
                .hasMessageContaining("leading or trailing whitespace")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"current\":\" \"}",
            "{\"current\":\"\"}",
            "{\"current\":\"\\n\"}",
            "{\"current\":\"s3cr3t-value \"}",
            "{\"current\":\"s3cr3t-value\",\"previous\":\" \"}",
            "{\"current\":\"s3cr3t-value\",\"previous\":\"\\ts3cr3t-old\"}"})
    void parse_rotationJsonWithBlankOrPaddedValue_refused(String stored) {
        assertThatThrownBy(() -> WebhookSecret.parse(stored))
                .isInstanceOf(WebhookSecret.InvalidSecretException.class)
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void secretCache_paddedSecretAtInit_failsTheInitWithTheMessage() {
        assertThatThrownBy(() -> new SecretCache<>(() -> WebhookSecret.parse("s3cr3t-value\n"), () -> 0L, 60_000, 300_000))
                .isInstanceOf(WebhookSecret.InvalidSecretException.class)
                .hasMessageContaining("whitespace");
    }

    @Test
    void toString_neverShowsTheValue() {
        assertThat(WebhookSecret.parse("{\"current\":\"aaa-new\",\"previous\":\"bbb-old\"}").toString())
                .doesNotContain("aaa-new").doesNotContain("bbb-old").contains("redacted");
    }
}
