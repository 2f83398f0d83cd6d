package dev.shipgate.local.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * One function as Lambda would run it: name, handler, unpacked code (the task root), memory,
 * timeout, and the environment the template gives it (without the variables Lambda itself adds).
 */
public record FunctionSpec(String name, String handler, Path taskRoot, int memoryMb, int timeoutSeconds,
                           Map<String, String> environment) {

    public FunctionSpec {
        environment = Map.copyOf(environment);
    }

    public FunctionSpec withEnvironment(Map<String, String> extra) {
        var merged = new java.util.LinkedHashMap<>(environment);
        merged.putAll(extra);
        return new FunctionSpec(name, handler, taskRoot, memoryMb, timeoutSeconds, merged);
    }
}
