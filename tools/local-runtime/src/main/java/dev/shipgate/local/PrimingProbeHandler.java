package dev.shipgate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Proves the local SnapStart path: registers an org.crac Resource at init and answers with the hooks
 * that ran before the invocation, so a test can see beforeCheckpoint → restore/next → afterRestore.
 */
public final class PrimingProbeHandler implements RequestStreamHandler, Resource {

    private final StringBuffer hooks = new StringBuffer();

    public PrimingProbeHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        hooks.append("beforeCheckpoint,");
        System.out.println("hook beforeCheckpoint");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        hooks.append("afterRestore,");
        System.out.println("hook afterRestore");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(("{\"hooks\":\"" + hooks + "\",\"function\":\"" + context.getFunctionName()
                + "\",\"memory\":" + context.getMemoryLimitInMB() + "}").getBytes(StandardCharsets.UTF_8));
    }
}
