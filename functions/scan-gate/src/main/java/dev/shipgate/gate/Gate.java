package dev.shipgate.gate;

import dev.shipgate.gate.job.JobEvent;

import java.util.function.IntSupplier;

/** Decides how one job ends. {@link GateService} is the real one. */
@FunctionalInterface
public interface Gate {
    Outcome run(JobEvent.Job job, IntSupplier remainingMillis);
}
