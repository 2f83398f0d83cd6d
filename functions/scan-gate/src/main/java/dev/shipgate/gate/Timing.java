package dev.shipgate.gate;

import java.time.Duration;

/**
 * How one invocation waits: it re-reads the scan every {@code pollInterval} while the Lambda has more than
 * {@code pollInterval + reserve} left, at most {@code maxReads} times, then hands over a continuation token.
 */
public record Timing(Duration pollInterval, Duration reserve, int maxReads) {

    public static final Timing LAMBDA = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(20), 4);
}
