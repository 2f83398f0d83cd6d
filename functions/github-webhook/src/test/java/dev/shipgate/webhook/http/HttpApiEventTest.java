package dev.shipgate.webhook.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP API payload 2.0 envelope as API Gateway and Function URLs send it, and as they never do. */
class HttpApiEventTest {

    private static HttpApiEvent read(String json) throws HttpApiEvent.InvalidEventException {
        return HttpApiEvent.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void read_duplicateKey_isInvalid() {
        assertThatThrownBy(() -> read("{\"headers\":{},\"body\":\"{}\",\"body\":\"{\\\"other\\\":1}\"}"))
                .isInstanceOf(HttpApiEvent.InvalidEventException.class)
                .hasMessageContaining("duplicate key");
    }

    @Test
    void read_headersInAnyCase_areLowerCased() throws Exception {
        HttpApiEvent event = read("{\"headers\":{\"X-Hub-Signature-256\":\"sha256=ab\",\"Content-Type\":\"application/json\"},\"body\":\"{}\"}");

        assertThat(event.headers()).containsEntry("x-hub-signature-256", "sha256=ab").containsEntry("content-type", "application/json");
    }

    @Test
    void read_oneHeaderInTwoSpellingsWithDifferentValues_isInvalid() {
        assertThatThrownBy(() -> read("{\"headers\":{\"x-hub-signature-256\":\"sha256=aa\",\"X-Hub-Signature-256\":\"sha256=bb\"},\"body\":\"{}\"}"))
                .isInstanceOf(HttpApiEvent.InvalidEventException.class)
                .hasMessageContaining("x-hub-signature-256 is given twice");
    }

    @Test
    void read_oneHeaderInTwoSpellingsWithTheSameValue_isThatValue() throws Exception {
        assertThat(read("{\"headers\":{\"content-type\":\"application/json\",\"Content-Type\":\"application/json\"}}").headers())
                .containsEntry("content-type", "application/json");
    }

    @Test
    void read_base64WithoutBody_isAnEmptyBody() throws Exception {
        assertThat(read("{\"headers\":{},\"isBase64Encoded\":true}").body()).isEmpty();
        assertThat(read("{\"headers\":{},\"body\":null,\"isBase64Encoded\":true}").body()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"%%%", "eyJh\nIjoxfQ==", "eyJhIjoxfQ==x", "ü"})
    void read_base64FlagWithABodyThatIsNotBase64_isInvalid(String body) {
        assertThatThrownBy(() -> read("{\"headers\":{},\"body\":\"" + body.replace("\n", "\\n") + "\",\"isBase64Encoded\":true}"))
                .isInstanceOf(HttpApiEvent.InvalidEventException.class)
                .hasMessageContaining("base64");
    }

    @Test
    void read_wrongTypes_areTakenAsAbsentNotTrusted() throws Exception {
        HttpApiEvent event = read("{\"headers\":[\"x\"],\"body\":12,\"isBase64Encoded\":\"true\"}");

        assertThat(event.headers()).isEmpty();
        assertThat(event.body()).isEmpty();
    }
}
