package dev.shipgate.notifier.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The scan gate's verdict summary ({@code "type":"shipgate.scan-gate.verdict"}, version 1).
 *
 * @param reportUrl the full findings report (an https URL), or null when the gate wrote none or its link was not a
 *                  plain https URL
 */
public record GateVerdict(
        String pipeline,
        String executionId,
        String repository,
        String imageDigest,
        String imageTag,
        String scanSource,
        String verdict,
        String summary,
        Map<String, Integer> counts,
        int blockingCount,
        List<Finding> blocking,
        List<String> expiredExceptions,
        List<String> unusedExceptions,
        List<String> expiringSoon,
        Instant time,
        String deliveryId,
        String reportUrl) implements Incoming {

    public static final String TYPE = "shipgate.scan-gate.verdict";

    public GateVerdict {
        counts = Map.copyOf(counts);
        blocking = List.copyOf(blocking);
        expiredExceptions = List.copyOf(expiredExceptions);
        unusedExceptions = List.copyOf(unusedExceptions);
        expiringSoon = List.copyOf(expiringSoon);
    }
}
