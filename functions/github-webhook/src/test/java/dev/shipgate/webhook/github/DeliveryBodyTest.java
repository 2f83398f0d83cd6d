package dev.shipgate.webhook.github;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static dev.shipgate.webhook.github.DeliveryBody.FORM;
import static dev.shipgate.webhook.github.DeliveryBody.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryBodyTest {

    private static final String PUSH = "{\"ref\":\"refs/heads/main\",\"message\":\"a+b & c=d ü %41 ~*\"}";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void payload_formWithOnePayloadField_isUrlDecodedToTheJson() throws Exception {
        byte[] form = bytes("payload=" + URLEncoder.encode(PUSH, StandardCharsets.UTF_8));

        assertThat(new String(DeliveryBody.payload(FORM, form), StandardCharsets.UTF_8)).isEqualTo(PUSH);
    }

    @Test
    void payload_json_isTheBodyItself() throws Exception {
        byte[] body = bytes(" \n" + PUSH);

        assertThat(DeliveryBody.payload(JSON, body)).isSameAs(body);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "other=1&payload=%7B%7D",
            "payload=%7B%7D&other=1",
            "payload=%7B%7D&payload=%7B%7D",
            "payload=%7B%7D&",
            "data=%7B%7D",
            "PAYLOAD=%7B%7D",
            "payload={\"ref\":\"refs/heads/main\"}",
            "payload=%7B%22a%22:1%7D",
            "payload=%7B%zz",
            "payload=%7B%7",
            "payload=",
            "payload=%5B%5D",
            ""})
    void payload_formThatIsNotExactlyOneEncodedPayloadField_isInvalid(String form) {
        assertThatThrownBy(() -> DeliveryBody.payload(FORM, bytes(form))).isInstanceOf(InvalidPayloadException.class);
    }

    @Test
    void payload_jsonBodySentAsForm_isInvalidNamingTheMismatch() {
        assertThatThrownBy(() -> DeliveryBody.payload(FORM, bytes(PUSH + "&payload=%7B%7D")))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("JSON but was sent as application/x-www-form-urlencoded");
    }

    @Test
    void payload_formBodySentAsJson_isInvalidNamingTheMismatch() {
        assertThatThrownBy(() -> DeliveryBody.payload(JSON, bytes("payload=" + URLEncoder.encode(PUSH, StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("form-encoded but was sent as application/json");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "", "  ", "x{}"})
    void payload_jsonThatIsNotAnObject_isInvalid(String body) {
        assertThatThrownBy(() -> DeliveryBody.payload(JSON, bytes(body))).isInstanceOf(InvalidPayloadException.class);
    }

    @Test
    void mediaType_dropsParametersAndCase() {
        assertThat(DeliveryBody.mediaType(" Application/JSON ; charset=utf-8")).isEqualTo(JSON);
        assertThat(DeliveryBody.mediaType(" ; x")).isNull();
        assertThat(DeliveryBody.mediaType(null)).isNull();
    }
}
