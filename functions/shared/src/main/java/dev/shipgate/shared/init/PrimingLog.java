package dev.shipgate.shared.init;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * The log of SnapStart priming's synthetic invocations: kept out of the function's log (nothing really ran), but the
 * warnings and errors are kept, because a synthetic invocation that logs one did not end as a real one should.
 */
public final class PrimingLog implements LambdaLogger {

    private final List<String> problems = new ArrayList<>();

    @Override
    public void log(String message, LogLevel level) {
        if (level == LogLevel.WARN || level == LogLevel.ERROR || level == LogLevel.FATAL) {
            problems.add(message);
        }
    }

    @Override
    public void log(String message) {
    }

    @Override
    public void log(byte[] message) {
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The warnings and errors for an exception message: empty when there were none, else {@code "; logged: …"}. */
    public String describe() {
        return problems.isEmpty() ? "" : "; logged: " + String.join(" ", problems);
    }
}
