package dev.shipgate.notifier;

import dev.shipgate.shared.init.FunctionEntry;

/** template.yaml's Handler: {@link SlackNotifierHandler} loaded through a parallel-capable class loader ({@link FunctionEntry}). */
public final class SlackNotifierEntry extends FunctionEntry {

    public SlackNotifierEntry() {
        super("dev.shipgate.notifier.SlackNotifierHandler");
    }
}
