package dev.shipgate.gate.finding;

import java.util.Locale;

/** Whether the scanner knows of a fixed version. Basic ECR scans never say, so they are {@link #UNKNOWN}. */
public enum FixState {
    AVAILABLE, PARTIAL, NONE, UNKNOWN;

    /** ECR enhanced {@code fixAvailable}: {@code YES | NO | PARTIAL}. */
    public static FixState fromEcr(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "YES" -> AVAILABLE;
            case "PARTIAL" -> PARTIAL;
            case "NO" -> NONE;
            default -> UNKNOWN;
        };
    }
}
