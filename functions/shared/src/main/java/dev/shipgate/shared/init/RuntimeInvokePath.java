package dev.shipgate.shared.init;

import com.amazonaws.services.lambda.runtime.Context;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Runs, before the SnapStart checkpoint, the one step of the runtime interface client's invocation path that loading
 * classes cannot prepare: it calls the handler through core reflection ({@code Method.invoke(handler, input, output,
 * context)}), and since JDK 18 the first reflective call of a method shape spins method-handle classes
 * ({@code LambdaForm$DMH}, {@code LambdaForm$MH}) at run time. On a SnapStart version the runtime makes its first
 * call after the restore, so without this the first request pays for spinning them (measured with
 * {@code -Xlog:class+load}: 7 to 10 ms of the trivial handler's first invocation after a restore). The JDK caches
 * those classes by shape (an instance method of a class, three parameters of reference types that need a cast from
 * {@code Object}, returning nothing), so one reflective call of a method of exactly that shape, made here, leaves
 * them in the snapshot for the runtime's call.
 * The runtime's own classes on that path are in each function's preload list.
 */
public final class RuntimeInvokePath {

    private RuntimeInvokePath() {
    }

    /** Makes the reflective call; returns 1 (for the priming log), or fails the priming when the call did not arrive. */
    public static int prime() {
        Target target = new Target();
        try {
            Method handleRequest = Target.class.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
            handleRequest.invoke(target, new ByteArrayInputStream(new byte[] {1}), new ByteArrayOutputStream(), null);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("priming could not call a handler-shaped method reflectively", e);
        }
        if (target.calls != 1) {
            throw new IllegalStateException("priming's reflective handler-shaped call did not arrive");
        }
        return target.calls;
    }

    /** Shaped like a stream handler ({@code RequestStreamHandler.handleRequest}): public, not static, void. */
    public static final class Target {
        private int calls;

        public void handleRequest(InputStream input, OutputStream output, Context context) {
            if (input != null && output != null) {
                calls++;
            }
        }
    }
}
