package dev.shipgate.notifier.event;

/** One blocking finding of a gate verdict. */
public record Finding(String id, String severity, String packageName, String version, String fixedIn, Double cvss, String uri) {
}
