package dev.shipgate.notifier.policy;

import dev.shipgate.notifier.event.Kind;
import dev.shipgate.shared.config.Env;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which events reach Slack ({@code NOTIFY_ON}). Syntax: a comma-separated list of
 * {@code <kind>:<STATE>} entries, kind one of {@code pipeline}, {@code stage}, {@code action},
 * {@code gate}; a bare {@code <STATE>} means {@code pipeline:<STATE>}; {@code <kind>:*} selects every state of a kind,
 * also states CodePipeline adds later; {@code default} adds the default set; {@code all} selects everything. {@code pipeline:RECOVERED} selects only the successes that follow a
 * failure (a plain {@code pipeline:SUCCEEDED} selects every success, recovered or not).
 * Unset or blank means {@code default} (an AUDIT verdict is in it: audit mode lets findings through that would block,
 * so it is always announced):
 * {@value #DEFAULT}.
 */
public final class NotifyPolicy {

    public static final String DEFAULT = "pipeline:STARTED,pipeline:SUCCEEDED,pipeline:FAILED,pipeline:STOPPED,"
            + "pipeline:SUPERSEDED,stage:FAILED,action:FAILED,gate:FAIL,gate:AUDIT,gate:ERROR";
    static final String RECOVERED = "RECOVERED";
    /** Every state of a kind, the known ones and any CodePipeline adds. */
    private static final String ANY = "*";

    private final Set<String> selected;

    private NotifyPolicy(Set<String> selected) {
        this.selected = Set.copyOf(selected);
    }

    public static NotifyPolicy defaults() {
        return parse("NOTIFY_ON", null);
    }

    /** Parses the setting; a malformed entry fails with a message naming the variable and the entry. */
    public static NotifyPolicy parse(String variable, String value) {
        Set<String> selected = new LinkedHashSet<>();
        String raw = value == null || value.isBlank() ? "default" : value;
        for (String token : raw.split(",")) {
            String entry = token.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equalsIgnoreCase("default")) {
                selected.addAll(parse(variable, DEFAULT).selected);
                continue;
            }
            if (entry.equalsIgnoreCase("all")) {
                for (Kind kind : Kind.values()) {
                    selected.add(key(kind, ANY));
                }
                continue;
            }
            int colon = entry.indexOf(':');
            Kind kind = colon < 0 ? Kind.PIPELINE : Kind.ofLabel(entry.substring(0, colon).trim());
            if (kind == null) {
                throw new Env.ConfigException(variable + ": '" + entry + "' must be <kind>:<STATE> with kind one of "
                        + "pipeline, stage, action, gate (or 'default', 'all')");
            }
            String state = entry.substring(colon + 1).trim().toUpperCase(java.util.Locale.ROOT);
            if (state.equals(ANY)) {
                selected.add(key(kind, ANY));
            } else if (kind.states().contains(state) || (kind == Kind.PIPELINE && state.equals(RECOVERED))) {
                selected.add(key(kind, state));
            } else {
                throw new Env.ConfigException(variable + ": '" + entry + "' names an unknown " + kind.label()
                        + " state; known: " + String.join(", ", states(kind)));
            }
        }
        if (selected.isEmpty()) {
            throw new Env.ConfigException(variable + " selects nothing; leave it unset for the default");
        }
        return new NotifyPolicy(selected);
    }

    /** Whether an event of this kind and state is sent; {@code recovered} marks a success right after a failure. */
    public boolean allows(Kind kind, String state, boolean recovered) {
        if (selected.contains(key(kind, state)) || selected.contains(key(kind, ANY))) {
            return true;
        }
        return recovered && kind == Kind.PIPELINE && "SUCCEEDED".equals(state) && selected.contains(key(kind, RECOVERED));
    }

    private static List<String> states(Kind kind) {
        if (kind != Kind.PIPELINE) {
            return kind.states();
        }
        List<String> states = new java.util.ArrayList<>(kind.states());
        states.add(RECOVERED);
        return states;
    }

    private static String key(Kind kind, String state) {
        return kind.label() + ":" + state;
    }

    @Override
    public String toString() {
        return String.join(",", selected);
    }
}
