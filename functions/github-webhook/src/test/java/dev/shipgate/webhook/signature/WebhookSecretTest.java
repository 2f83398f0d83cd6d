package dev.shipgate.webhook.signature;

import org.junit.jupiter.api.Test;

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

    @Test
    void toString_neverShowsTheValue() {
        assertThat(WebhookSecret.parse("{\"current\":\"aaa-new\",\"previous\":\"bbb-old\"}").toString())
                .doesNotContain("aaa-new").doesNotContain("bbb-old").contains("redacted");
    }
}
