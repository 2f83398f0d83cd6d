package dev.shipgate.local.runtime;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One invocation as Lambda reports it. {@code initDurationMs} is present only on the cold start
 * (and for SnapStart it is the pre-snapshot init, with {@code restoreDurationMs} the restore part).
 */
public record InvokeResult(String requestId, String payload, boolean error, String errorType, double durationMs,
                           OptionalDouble initDurationMs, OptionalDouble restoreDurationMs, int memorySizeMb,
                           long maxMemoryUsedMb) {

    /** Lambda's REPORT line; fields are named, and Init Duration comes last as on Lambda. */
    public String reportLine() {
        StringBuilder line = new StringBuilder()
                .append("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(ms(durationMs)).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.ceil(durationMs)).append(" ms")
                .append("\tMemory Size: ").append(memorySizeMb).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryUsedMb).append(" MB");
        restoreDurationMs.ifPresent(d -> line.append("\tRestore Duration: ").append(ms(d)).append(" ms"));
        initDurationMs.ifPresent(d -> line.append("\tInit Duration: ").append(ms(d)).append(" ms"));
        return line.toString();
    }

    public boolean coldStart() {
        return initDurationMs.isPresent();
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
