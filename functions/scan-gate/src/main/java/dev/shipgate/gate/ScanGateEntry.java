package dev.shipgate.gate;

import dev.shipgate.shared.init.FunctionEntry;

/** template.yaml's Handler: {@link ScanGateHandler} loaded through a parallel-capable class loader ({@link FunctionEntry}). */
public final class ScanGateEntry extends FunctionEntry {

    public ScanGateEntry() {
        super("dev.shipgate.gate.ScanGateHandler");
    }
}
