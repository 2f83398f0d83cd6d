package dev.shipgate.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child JVM's {@code -Xlog:class+load:file=...:uptimenanos,tid} log: every class with the JVM uptime
 * at which it loaded (and the loading thread, for reading a kept log by hand). Marker classes split a cold start into phases without touching function code.
 */
public final class ClassLoadTimeline {

    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ns](?:\\[\\d+])? (\\S+) source: (.*)$");

    /** One loaded class. */
    public record Load(double uptimeMs, String className, String source) {
        public boolean fromCds() {
            return source.contains("shared objects file");
        }
    }

    private final List<Load> loads;

    private ClassLoadTimeline(List<Load> loads) {
        this.loads = loads;
    }

    public static ClassLoadTimeline read(Path log) {
        List<Load> loads = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    loads.add(new Load(Long.parseLong(m.group(1)) / 1e6, m.group(2), m.group(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClassLoadTimeline(loads);
    }

    /** Uptime (ms) of the first class whose name equals or starts with {@code prefix}, or NaN. */
    public double firstLoad(String prefix) {
        return loads.stream().filter(l -> l.className().equals(prefix) || l.className().startsWith(prefix))
                .mapToDouble(Load::uptimeMs).findFirst().orElse(Double.NaN);
    }

    /** Uptime (ms) of the first AWS SDK class the function itself loads (the runtime client bundles utils-lite and annotations). */
    public double firstSdkLoad() {
        return loads.stream().filter(l -> l.className().startsWith("software.amazon.awssdk.")
                        && !l.className().startsWith("software.amazon.awssdk.utilslite.")
                        && !l.className().startsWith("software.amazon.awssdk.annotations."))
                .mapToDouble(Load::uptimeMs).findFirst().orElse(Double.NaN);
    }

    public long count(double fromMs, double toMs) {
        return loads.stream().filter(l -> l.uptimeMs() >= fromMs && l.uptimeMs() < toMs).count();
    }

    public long countFromCds(double fromMs, double toMs) {
        return loads.stream().filter(l -> l.uptimeMs() >= fromMs && l.uptimeMs() < toMs && l.fromCds()).count();
    }

    /** Every load, in order. */
    public List<Load> loads() {
        return List.copyOf(loads);
    }

    public int total() {
        return loads.size();
    }
}
