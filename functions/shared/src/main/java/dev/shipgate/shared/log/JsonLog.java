package dev.shipgate.shared.log;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * One structured JSON object per log line, written through the Lambda runtime's logger so the
 * function's log level and JSON log format apply. Callers pass chosen fields only: never a request
 * body, a payload or a secret.
 *
 * <p>Written with jackson-core's streaming generator rather than databind: a function that does not
 * otherwise need databind then never loads its ~460 classes (about 95 ms of cold start).
 */
public final class JsonLog {

    private static final JsonFactory FACTORY = new JsonFactory();

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
        logger.log(line(level, component, event, fields), level);
    }

    static String line(LogLevel level, String component, String event, Map<String, ?> fields) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("level", level.name());
            json.writeStringField("component", component);
            json.writeStringField("event", event);
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                json.writeFieldName(field.getKey());
                writeValue(json, field.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            return "{\"level\":\"ERROR\",\"event\":\"log-serialization-failed\"}";
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case Boolean b -> json.writeBoolean(b);
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case Double d -> json.writeNumber(d);
            case Float f -> json.writeNumber(f);
            case Number n -> json.writeNumber(n.toString());
            case Map<?, ?> map -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    json.writeFieldName(String.valueOf(entry.getKey()));
                    writeValue(json, entry.getValue());
                }
                json.writeEndObject();
            }
            case Iterable<?> items -> {
                json.writeStartArray();
                for (Object item : items) {
                    writeValue(json, item);
                }
                json.writeEndArray();
            }
            case Object[] items -> {
                json.writeStartArray();
                for (Object item : items) {
                    writeValue(json, item);
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString());
        }
    }
}
