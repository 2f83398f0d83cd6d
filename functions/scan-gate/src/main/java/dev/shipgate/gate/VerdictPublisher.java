package dev.shipgate.gate;

import dev.shipgate.gate.verdict.VerdictSummary;

/** Sends the verdict summary to whoever listens (the notify topic). */
public interface VerdictPublisher {
    void publish(VerdictSummary verdict);
}
