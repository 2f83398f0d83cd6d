package dev.shipgate.webhook;

import dev.shipgate.shared.init.FunctionEntry;

/** template.yaml's Handler: {@link WebhookHandler} loaded through a parallel-capable class loader ({@link FunctionEntry}). */
public final class WebhookEntry extends FunctionEntry {

    public WebhookEntry() {
        super("dev.shipgate.webhook.WebhookHandler");
    }
}
