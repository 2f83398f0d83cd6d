package dev.shipgate.notifier.thread;

import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.Kind;
import dev.shipgate.notifier.message.Links;
import dev.shipgate.notifier.message.MessageRenderer;
import dev.shipgate.notifier.message.SlackMessage;
import dev.shipgate.notifier.message.Text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Renders an execution's thread parent: state marker, commit, author, branch, stage progress, duration when finished. */
public final class ParentRenderer {

    public SlackMessage render(ExecutionView v) {
        String marker = marker(v);
        SlackMessage message = new SlackMessage(fallback(v, marker));
        message.header(marker + " · " + v.pipeline());
        StringBuilder intro = new StringBuilder("Pipeline ").append(Text.code(v.pipeline(), 200))
                .append(" (project *").append(Text.escape(v.project(), 200)).append("*): *").append(marker).append('*');
        String subject = Text.firstLine(v.commit().message());
        if (subject != null) {
            intro.append("\n>").append(Text.escape(subject, 300));
        }
        message.section(intro.toString());
        message.fields(fields(v));
        String progress = progress(v);
        if (!progress.isEmpty()) {
            message.section(progress);
        }
        message.context(List.of("shipgate · " + Text.link(Links.pipeline(v.region(), v.pipeline()), "pipeline " + v.pipeline())
                + " · " + Text.link(Links.execution(v.region(), v.pipeline(), v.executionId()), "execution timeline")
                + " · details in the thread"));
        return message;
    }

    /** The pipeline's state; running until a pipeline event says otherwise. */
    static String marker(ExecutionView v) {
        if (v.state() == null || v.state().rank() == 1) {
            return "🔄 RUNNING";
        }
        return MessageRenderer.marker(Kind.PIPELINE, v.state().state(), false);
    }

    /** One line: each stage with its state, in the order they ran (Source ✓ Build ✓ SecurityGate ⛔ …). */
    static String progress(ExecutionView v) {
        List<String> parts = new ArrayList<>();
        for (ExecutionView.Stage s : v.stages()) {
            String name = Text.escape(s.name(), 100);
            if (s.name().equals(v.failedStage()) && v.failedAction() != null && "FAILED".equals(s.step().state())) {
                name += " (" + Text.escape(v.failedAction(), 100) + ")";
            }
            parts.add(name + " " + symbol(s.step().state()));
        }
        return String.join("  ", parts);
    }

    static String symbol(String state) {
        return switch (state) {
            case "SUCCEEDED" -> "✓";
            case "FAILED" -> "⛔";
            case "STARTED", "RESUMED" -> "⏳";
            case "STOPPING", "STOPPED" -> "⏹";
            case "CANCELED", "ABANDONED" -> "🚫";
            default -> "❔";
        };
    }

    private static List<String> fields(ExecutionView v) {
        List<String> fields = new ArrayList<>();
        String shortId = v.executionId().length() > 8 ? v.executionId().substring(0, 8) : v.executionId();
        fields.add("*Execution*\n" + Text.link(Links.execution(v.region(), v.pipeline(), v.executionId()), shortId));
        fields.addAll(MessageRenderer.commitFields(v.commit(), v.repository()));
        if (v.gateVerdict() != null) {
            fields.add("*Security gate*\n" + MessageRenderer.marker(Kind.GATE, v.gateVerdict(), false)
                    + ("FAIL".equals(v.gateVerdict()) ? " (" + v.gateBlocking() + " blocking)" : "")
                    + (v.gateReportUrl() != null ? " · " + Text.link(v.gateReportUrl(), "📄 report") : ""));
        }
        if (v.finished() && v.durationSeconds() != null) {
            fields.add("*Duration*\n" + MessageRenderer.duration(Duration.ofSeconds(v.durationSeconds())));
        }
        return fields;
    }

    private static String fallback(ExecutionView v, String marker) {
        StringBuilder text = new StringBuilder(marker).append(' ').append(v.pipeline());
        Commit c = v.commit();
        if (c.sha() != null) {
            text.append(" — commit ").append(c.sha().length() > 7 ? c.sha().substring(0, 7) : c.sha());
            if (c.author() != null) {
                text.append(" by ").append(c.author());
            }
        }
        return Text.escape(text.toString(), 500);
    }
}
