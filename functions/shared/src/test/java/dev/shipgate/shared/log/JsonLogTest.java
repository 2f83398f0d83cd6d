package dev.shipgate.shared.log;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.testing.Json;
import dev.shipgate.testing.TestContext;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogTest {

    @Test
    void info_writesOneJsonObjectWithLevelComponentEventAndFields() throws Exception {
        TestContext context = new TestContext();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("deliveryId", "d-1");
        fields.put("latencyMs", 12L);
        fields.put("ok", true);
        fields.put("missing", null);
        fields.put("warnings", List.of("form content type", 3));
        fields.put("counts", Map.of("HIGH", 2));
        fields.put("message", "quote \" and newline \n stay escaped");

        new JsonLog("github-webhook", context.logger()).info("delivery", fields);

        assertThat(context.logLines()).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(context.logLines().get(0));
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("component").asText()).isEqualTo("github-webhook");
        assertThat(line.path("event").asText()).isEqualTo("delivery");
        assertThat(line.path("latencyMs").asLong()).isEqualTo(12L);
        assertThat(line.path("ok").asBoolean()).isTrue();
        assertThat(line.path("missing").isNull()).isTrue();
        assertThat(line.path("warnings").get(1).asInt()).isEqualTo(3);
        assertThat(line.path("counts").path("HIGH").asInt()).isEqualTo(2);
        assertThat(line.path("message").asText()).isEqualTo("quote \" and newline \n stay escaped");
        assertThat(context.logLines().get(0)).doesNotContain("\n");
    }

    @Test
    void line_levelsAreNamed() {
        assertThat(JsonLog.line(LogLevel.WARN, "c", "e", Map.of())).isEqualTo("{\"level\":\"WARN\",\"component\":\"c\",\"event\":\"e\"}");
    }
}
