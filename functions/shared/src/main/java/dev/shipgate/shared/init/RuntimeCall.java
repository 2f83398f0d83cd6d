package dev.shipgate.shared.init;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;

/**
 * Calls a stream handler the way the Lambda runtime does, for SnapStart priming's synthetic invocations: through core
 * reflection, on the {@code handleRequest} method of the handler's own class. The method accessor that first call makes
 * stays on that method, so the runtime's first call after the restore spins no method-handle class.
 */
public final class RuntimeCall {

    private RuntimeCall() {
    }

    /** Runs the event through the handler and returns what it wrote; what the handler threw comes as the exception's cause. */
    public static byte[] handle(RequestStreamHandler handler, byte[] event, Context context) throws InvocationTargetException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class)
                    .invoke(handler, new ByteArrayInputStream(event), output, context);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("priming could not call the handler as the runtime does", e);
        }
        return output.toByteArray();
    }
}
