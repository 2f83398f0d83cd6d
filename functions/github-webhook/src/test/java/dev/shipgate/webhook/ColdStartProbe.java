package dev.shipgate.webhook;

import dev.shipgate.testing.TestContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM entry point for {@link ColdStartTest}: builds the handler exactly as Lambda does (public
 * no-arg constructor, configuration from the process environment) and invokes it once.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        WebhookHandler handler = new WebhookHandler();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[0]))), out, new TestContext());
        System.out.println("RESPONSE " + out.toString(StandardCharsets.UTF_8));
    }
}
