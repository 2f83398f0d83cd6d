package dev.shipgate.gate.policy;

import java.time.LocalDate;

/**
 * A reviewed, time-boxed exception: findings with this id (and, when set, in this package) do not block
 * until {@code expires} (inclusive, UTC).
 */
public record ExceptionRule(String id, String packageName, String reason, LocalDate expires) {

    public boolean matches(String findingId, String findingPackage) {
        return id.equalsIgnoreCase(findingId)
                && (packageName == null || packageName.equalsIgnoreCase(findingPackage));
    }

    public boolean expiredOn(LocalDate today) {
        return expires.isBefore(today);
    }

    /** {@code CVE-1 (openssl)}: how messages name the exception. */
    public String label() {
        return packageName == null ? id : id + " (" + packageName + ")";
    }
}
