package dev.shipgate.gate;

import dev.shipgate.gate.report.ReportLinks;

import java.time.Duration;

/** Keeps a job's findings report where people open it (the pipeline's artifact bucket). */
public interface ReportStore {

    String HTML = ".html";
    String SARIF = ".sarif.json";

    /**
     * Stores {@code key + ".html"} and {@code key + ".sarif.json"}, each within {@code timeout}.
     *
     * @return where a person opens each
     * @throws RuntimeException when either could not be stored
     */
    ReportLinks store(String key, byte[] html, byte[] sarif, Duration timeout);
}
