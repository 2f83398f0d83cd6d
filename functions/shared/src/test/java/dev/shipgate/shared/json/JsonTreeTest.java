package dev.shipgate.shared.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.testing.Events;
import dev.shipgate.testing.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapper-free reader and writer agree with Jackson's ObjectMapper on every sample event of every function. */
class JsonTreeTest {

    static Stream<String> everySampleEvent() throws IOException {
        Path events = Events.root().resolve("events");
        try (Stream<Path> files = Files.walk(events)) {
            return files.filter(p -> p.toString().endsWith(".json")).map(p -> events.relativize(p).toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("everySampleEvent")
    void parseAndWrite_sampleEvent_sameTreeAsObjectMapper(String event) throws Exception {
        byte[] bytes = Files.readAllBytes(Events.root().resolve("events").resolve(event));
        String text = new String(bytes, StandardCharsets.UTF_8);

        JsonNode tree = JsonTree.parse(text);

        assertThat(tree).isEqualTo(Json.MAPPER.readTree(text));
        assertThat(JsonTree.parse(bytes)).isEqualTo(tree);
        assertThat(JsonTree.parse(new ByteArrayInputStream(bytes))).isEqualTo(tree);
        assertThat(Json.MAPPER.readTree(JsonTree.write(tree))).isEqualTo(tree);
    }

    @Test
    void parse_numbersOfEveryKind_keepTheirType() throws Exception {
        JsonNode tree = JsonTree.parse("{\"i\":1,\"l\":12345678901,\"big\":123456789012345678901234567890,\"d\":3.0,\"t\":true,\"n\":null,\"s\":\"é<&>\"}");

        assertThat(tree).isEqualTo(Json.MAPPER.readTree(JsonTree.write(tree)));
        assertThat(tree.path("i").isInt()).isTrue();
        assertThat(tree.path("l").isLong()).isTrue();
        assertThat(tree.path("big").isBigInteger()).isTrue();
        assertThat(tree.path("d").isDouble()).isTrue();
        assertThat(tree.path("n").isNull()).isTrue();
        assertThat(tree.path("s").asText()).isEqualTo("é<&>");
    }

    @Test
    void parse_emptyInput_isMissingNode_andMalformedThrows() throws Exception {
        assertThat(JsonTree.parse(new ByteArrayInputStream(new byte[0])).isMissingNode()).isTrue();
        assertThatThrownBy(() -> JsonTree.parse("{\"a\":")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JsonTree.parse("this is { not json")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void parse_keyRepeatedInOneObject_isRefusedAtAnyDepth() {
        assertThatThrownBy(() -> JsonTree.parse("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageStartingWith("duplicate key 'c'");
        assertThatThrownBy(() -> JsonTree.parse("[{\"a\":1,\"a\":1}]".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class).hasMessageStartingWith("duplicate key 'a'");
    }

    @Test
    void parse_textAfterTheRoot_isRefused() {
        assertThatThrownBy(() -> JsonTree.parse("{\"a\":\"x\"} {\"a\":\"y\"}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageStartingWith("unexpected text after the JSON value");
        assertThatThrownBy(() -> JsonTree.parse("{\"a\":\"x\"},\"a\":\"y\"}")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void write_toStream_writesTheDocument() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        JsonTree.write(JsonTree.parse("[1,{\"a\":[]}]"), out);

        assertThat(out.toString()).isEqualTo("[1,{\"a\":[]}]");
    }
}
