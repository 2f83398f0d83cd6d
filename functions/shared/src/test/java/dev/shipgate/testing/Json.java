package dev.shipgate.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The tests' Jackson mapper: tolerant of fields AWS adds later, no nulls written. Function code never uses one (its
 * ~460 classes cost about 100 ms of every cold start) and reads and writes JSON with {@code JsonTree} instead; tests
 * use this mapper to build fixtures and as the reference JsonTree is checked against.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }
}
