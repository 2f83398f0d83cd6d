package dev.shipgate.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Lambda {@link Context} for handler tests; it keeps what the function logged so tests can check it. */
public final class TestContext implements Context {

    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineMillis;
    private final List<String> logLines = new CopyOnWriteArrayList<>();

    public TestContext() {
        this(30_000);
    }

    public TestContext(int remainingMillis) {
        this.deadlineMillis = System.currentTimeMillis() + remainingMillis;
    }

    public List<String> logLines() {
        return logLines;
    }

    public String allLogs() {
        return String.join("\n", logLines);
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/test"; }
    @Override public String getLogStreamName() { return "test-stream"; }
    @Override public String getFunctionName() { return "test-function"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:test-function"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadlineMillis - System.currentTimeMillis()); }
    @Override public int getMemoryLimitInMB() { return 512; }

    @Override
    public LambdaLogger getLogger() {
        return logger();
    }

    /** A logger that records lines; pass it to code that takes a {@link LambdaLogger}. */
    public LambdaLogger logger() {
        return new LambdaLogger() {
            @Override public void log(String message) { logLines.add(message); }
            @Override public void log(byte[] message) { logLines.add(new String(message, StandardCharsets.UTF_8)); }
            @Override public void log(String message, LogLevel level) { logLines.add(message); }
        };
    }
}
