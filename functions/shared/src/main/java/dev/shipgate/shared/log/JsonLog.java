package dev.shipgate.shared.log;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shipgate.shared.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured JSON object per log line, written through the Lambda runtime's logger so the
 * function's log level and JSON log format apply. Callers pass chosen fields only: never a request
 * body, a payload or a secret.
 */
public final class JsonLog {

    private final String component;
    private final LambdaLogger logger;

    public JsonLog(String component) {
        this(component, LambdaRuntime.getLogger());
    }

    public JsonLog(String component, LambdaLogger logger) {
        this.component = component;
        this.logger = logger;
    }

    public void info(String event, Map<String, ?> fields) {
        write(LogLevel.INFO, event, fields);
    }

    public void warn(String event, Map<String, ?> fields) {
        write(LogLevel.WARN, event, fields);
    }

    public void error(String event, Map<String, ?> fields) {
        write(LogLevel.ERROR, event, fields);
    }

    private void write(LogLevel level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level.name());
        line.put("component", component);
        line.put("event", event);
        line.putAll(fields);
        try {
            logger.log(Json.MAPPER.writeValueAsString(line), level);
        } catch (JsonProcessingException e) {
            logger.log("{\"level\":\"ERROR\",\"event\":\"log-serialization-failed\",\"component\":\"" + component + "\"}", LogLevel.ERROR);
        }
    }
}
