package dev.shipgate.shared.init;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class FunctionEntryTest {

    /** A handler that answers with the loaders it sees. */
    public static final class ReportingHandler implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            ClassLoader own = getClass().getClassLoader();
            output.write((own.getName() + " parallel=" + own.isRegisteredAsParallelCapable()
                    + " context=" + (Thread.currentThread().getContextClassLoader() == own)).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static final class ReportingEntry extends FunctionEntry {
        public ReportingEntry() {
            super("dev.shipgate.shared.init.FunctionEntryTest$ReportingHandler");
        }
    }

    public static final class FailingHandler implements RequestStreamHandler {
        public FailingHandler() {
            throw new IllegalStateException("WEBHOOK_SECRET_ARN is not set");
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) {
        }
    }

    public static final class FailingEntry extends FunctionEntry {
        public FailingEntry() {
            super("dev.shipgate.shared.init.FunctionEntryTest$FailingHandler");
        }
    }

    @Test
    void underTheRuntimesUrlLoader_theHandlerComesFromAParallelCapableLoaderOverTheSameZip() throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Like Lambda: the runtime's loader reads the function's classes; its parent holds the Lambda interfaces.
        URL lambdaCore = RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation();
        URL functionClasses = FunctionEntry.class.getProtectionDomain().getCodeSource().getLocation();
        URL testClasses = FunctionEntryTest.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader runtimeParent = new URLClassLoader(new URL[] {lambdaCore}, ClassLoader.getPlatformClassLoader());
             URLClassLoader runtime = new NotParallelCapable(new URL[] {testClasses, functionClasses}, runtimeParent)) {
            Object entry = runtime.loadClass(ReportingEntry.class.getName()).getConstructor().newInstance();
            Thread.currentThread().setContextClassLoader(runtime);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            entry.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, runtimeParent.loadClass(Context.class.getName()))
                    .invoke(entry, new ByteArrayInputStream(new byte[0]), out, null);

            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("shipgate-function parallel=true context=true");
            assertThat(runtime.isRegisteredAsParallelCapable()).isFalse();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void outsideAUrlLoader_theHandlerIsLoadedTheOrdinaryWay() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportingEntry().handleRequest(new ByteArrayInputStream(new byte[0]), out, null);

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("app parallel=true context=true");
    }

    @Test
    void aHandlerThatFailsAtInit_failsTheEntryWithItsOwnException() {
        assertThat(catchThrowable(FailingEntry::new)).isInstanceOf(IllegalStateException.class)
                .hasMessage("WEBHOOK_SECRET_ARN is not set");
    }

    /** Like the runtime client's CustomerClassLoader: a URLClassLoader subclass that does not register as parallel-capable. */
    private static final class NotParallelCapable extends URLClassLoader {
        NotParallelCapable(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }
    }
}
