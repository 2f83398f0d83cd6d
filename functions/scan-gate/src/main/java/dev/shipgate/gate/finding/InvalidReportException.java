package dev.shipgate.gate.finding;

/**
 * The bytes are not a scan report the gate can trust: not JSON, not a known format, a required member missing or
 * of the wrong type. The message completes "report &lt;path&gt; ..." and names the member, so a person can fix the build.
 */
public final class InvalidReportException extends RuntimeException {
    public InvalidReportException(String message) {
        super(message);
    }
}
