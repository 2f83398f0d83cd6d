package dev.shipgate.notifier.event;

import java.util.List;

/** What an event is about, with the states CodePipeline (or the scan gate) reports for it. */
public enum Kind {
    PIPELINE("pipeline", List.of("STARTED", "SUCCEEDED", "FAILED", "STOPPING", "STOPPED", "SUPERSEDED", "CANCELED", "RESUMED")),
    STAGE("stage", List.of("STARTED", "SUCCEEDED", "FAILED", "STOPPING", "STOPPED", "CANCELED", "RESUMED")),
    ACTION("action", List.of("STARTED", "SUCCEEDED", "FAILED", "CANCELED", "ABANDONED")),
    GATE("gate", List.of("PASS", "FAIL", "AUDIT", "ERROR"));

    private final String label;
    private final List<String> states;

    Kind(String label, List<String> states) {
        this.label = label;
        this.states = states;
    }

    public String label() {
        return label;
    }

    public List<String> states() {
        return states;
    }

    public static Kind ofLabel(String label) {
        for (Kind kind : values()) {
            if (kind.label.equalsIgnoreCase(label)) {
                return kind;
            }
        }
        return null;
    }
}
