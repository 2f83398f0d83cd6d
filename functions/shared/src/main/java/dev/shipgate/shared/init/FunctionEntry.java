package dev.shipgate.shared.init;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;

/**
 * The class template.yaml names as a function's Handler: it loads the real handler, and with it every class of the
 * function, through a parallel-capable class loader over the same zip (root, then lib/*.jar, same parent).
 * <p>
 * Why: the runtime client's own loader ({@code CustomerClassLoader}, RIC 2.10.1) is not registered as
 * parallel-capable, so every class from the zip loads under one lock whichever thread asks, and the init threads
 * (the {@link ClassPreloader}, the client builds) queue on it. scan-gate's init, alternating pairs of
 * {@code bench --cold 9}: 402 and 386 ms through this entry, 450 and 482 ms without it.
 * <p>
 * Outside a URL class loader (unit tests) the handler is loaded the ordinary way.
 */
public abstract class FunctionEntry implements RequestStreamHandler {

    private final ClassLoader loader;
    private final RequestStreamHandler handler;

    protected FunctionEntry(String handlerClass) {
        ClassLoader runtime = getClass().getClassLoader();
        loader = runtime instanceof URLClassLoader zip
                ? new URLClassLoader("shipgate-function", zip.getURLs(), zip.getParent())
                : runtime;
        // Init threads inherit it, and the SDK looks up interceptors and services through it.
        Thread.currentThread().setContextClassLoader(loader);
        try {
            handler = (RequestStreamHandler) Class.forName(handlerClass, true, loader).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("could not create " + handlerClass, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not create " + handlerClass, e);
        }
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Thread.currentThread().setContextClassLoader(loader);
        handler.handleRequest(input, output, context);
    }
}
