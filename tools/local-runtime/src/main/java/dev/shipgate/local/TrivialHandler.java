package dev.shipgate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark baseline: the least a Java function can do (read the event, answer a constant).
 * Every function's cold start is reported as a ratio to this handler, run on the same runtime with
 * the same flags in the same bench run.
 */
public final class TrivialHandler implements RequestStreamHandler {

    private static final byte[] ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(ANSWER);
    }
}
