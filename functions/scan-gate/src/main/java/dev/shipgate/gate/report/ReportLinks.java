package dev.shipgate.gate.report;

/** Where a person opens a stored findings report: the HTML page and the SARIF file. */
public record ReportLinks(String html, String sarif) {
}
