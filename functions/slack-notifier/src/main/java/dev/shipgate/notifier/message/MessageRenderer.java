package dev.shipgate.notifier.message;

import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.Finding;
import dev.shipgate.notifier.event.GateVerdict;
import dev.shipgate.notifier.event.Kind;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a {@link Notification} into a Slack Block Kit message with a fallback text. */
public final class MessageRenderer {

    static final int SUBJECT_MAX = 300;
    static final int SUMMARY_MAX = 1500;
    static final int FINDINGS_SHOWN = 10;
    private static final List<String> SEVERITY_ORDER = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED");

    public SlackMessage render(Notification n) {
        return n.kind() == Kind.GATE ? renderVerdict(n) : renderPipelineEvent(n);
    }

    /** The unmistakable marker for a state: an emoji and a word. */
    public static String marker(Kind kind, String state, boolean recovered) {
        if (kind == Kind.GATE) {
            return switch (state) {
                case "PASS" -> "🛡️ PASSED";
                case "FAIL" -> "⛔ BLOCKED";
                case "AUDIT" -> "👀 AUDIT";
                case "ERROR" -> "⚠️ GATE ERROR";
                default -> "❔ " + state;
            };
        }
        if (recovered && "SUCCEEDED".equals(state)) {
            return "💚 RECOVERED";
        }
        return switch (state) {
            case "STARTED" -> "🚀 STARTED";
            case "SUCCEEDED" -> "✅ SUCCEEDED";
            case "FAILED" -> "❌ FAILED";
            case "STOPPING" -> "⏸️ STOPPING";
            case "STOPPED" -> "⏹️ STOPPED";
            case "SUPERSEDED" -> "⏭️ SUPERSEDED";
            case "CANCELED" -> "🚫 CANCELED";
            case "ABANDONED" -> "🗑️ ABANDONED";
            case "RESUMED" -> "🔁 RESUMED";
            default -> "❔ " + state;
        };
    }

    private SlackMessage renderPipelineEvent(Notification n) {
        String marker = marker(n.kind(), n.state(), n.recovered());
        String where = switch (n.kind()) {
            case STAGE -> n.pipeline() + " › stage " + n.stage();
            case ACTION -> n.pipeline() + " › " + n.stage() + " › " + (n.action() == null ? "?" : n.action().action());
            default -> n.pipeline();
        };
        SlackMessage message = new SlackMessage(fallback(n, marker + " " + where));
        message.header(marker + " · " + where);

        StringBuilder intro = new StringBuilder();
        if (n.mention() != null) {
            intro.append(n.mention()).append(' ');
        }
        intro.append(switch (n.kind()) {
            case STAGE -> "Stage " + code(n.stage()) + " of pipeline ";
            case ACTION -> "Action " + code(n.action() == null ? "?" : n.action().action()) + " in stage " + code(n.stage()) + " of pipeline ";
            default -> "Pipeline ";
        });
        intro.append(code(n.pipeline())).append(" (project *").append(Text.escape(n.project(), 200)).append("*): *")
                .append(marker).append('*');
        if (n.recovered()) {
            intro.append(" — back to green after the previous execution failed.");
        }
        if (n.stopComments() != null) {
            intro.append("\n>").append(Text.escape(n.stopComments(), SUBJECT_MAX).replace("\n", " "));
        }
        message.section(intro.toString());
        message.fields(commonFields(n));
        String subject = Text.firstLine(n.commit().message());
        if (subject != null) {
            message.section(">" + Text.escape(subject, SUBJECT_MAX));
        }
        if (n.action() != null && (n.failure() || "ABANDONED".equals(n.state()) || "CANCELED".equals(n.state()))) {
            message.section(failureSection(n));
        }
        message.context(footer(n));
        return message;
    }

    private SlackMessage renderVerdict(Notification n) {
        GateVerdict v = n.verdict();
        String marker = marker(Kind.GATE, v.verdict(), false);
        String image = v.repository() + (v.imageTag() != null ? ":" + v.imageTag() : "")
                + (v.imageDigest() != null ? "@" + shortDigest(v.imageDigest()) : "");
        SlackMessage message = new SlackMessage(fallback(n, marker + " security gate for " + image + " in " + n.pipeline()));
        message.header(marker + " · security gate · " + n.pipeline());

        StringBuilder intro = new StringBuilder();
        if (n.mention() != null) {
            intro.append(n.mention()).append(' ');
        }
        intro.append("Security gate of pipeline ").append(code(n.pipeline())).append(" (project *")
                .append(Text.escape(n.project(), 200)).append("*): *").append(marker).append("*\n")
                .append(Text.escape(v.summary() == null ? "no summary" : v.summary(), SUMMARY_MAX));
        if (v.reportUrl() != null) {
            intro.append("\n📄 ").append(Text.link(v.reportUrl(), "Full report")).append(" (every finding, the exceptions, the policy)");
        }
        message.section(intro.toString());

        List<String> fields = new ArrayList<>();
        fields.add("*Image*\n" + Text.code(image, 300));
        if (v.scanSource() != null) {
            fields.add("*Scan*\n" + Text.escape(v.scanSource(), 50));
        }
        if (!"ERROR".equals(v.verdict())) {
            fields.add("*Blocking findings*\n" + v.blockingCount());
        }
        fields.addAll(commonFields(n));
        message.fields(fields);

        String counts = severityCounts(v.counts());
        if (!counts.isEmpty()) {
            message.section("*Findings by severity:* " + counts);
        }
        if (!v.blocking().isEmpty()) {
            StringBuilder worst = new StringBuilder("*Worst blocking findings*");
            int shown = 0;
            for (Finding f : v.blocking()) {
                if (shown == FINDINGS_SHOWN) {
                    break;
                }
                worst.append("\n• ").append(finding(f));
                shown++;
            }
            int more = Math.max(v.blockingCount(), v.blocking().size()) - shown;
            if (more > 0) {
                worst.append("\n… and ").append(more).append(" more blocking finding").append(more == 1 ? "" : "s");
            }
            message.section(worst.toString());
        }
        List<String> exceptions = new ArrayList<>();
        if (!v.expiredExceptions().isEmpty()) {
            exceptions.add("⌛ Expired exceptions: " + ids(v.expiredExceptions()));
        }
        if (!v.expiringSoon().isEmpty()) {
            exceptions.add("⏳ Exceptions expiring soon: " + ids(v.expiringSoon()));
        }
        if (!v.unusedExceptions().isEmpty()) {
            exceptions.add("🧹 Unused exceptions: " + ids(v.unusedExceptions()));
        }
        message.context(exceptions);
        message.context(footer(n));
        return message;
    }

    private List<String> commonFields(Notification n) {
        List<String> fields = new ArrayList<>();
        if (n.executionId() != null) {
            String label = shortId(n.executionId()) + (n.attempt() > 1 ? " (attempt " + n.attempt() + ")" : "");
            fields.add("*Execution*\n" + Text.link(Links.execution(n.region(), n.pipeline(), n.executionId()), label));
        }
        fields.addAll(commitFields(n.commit(), n.repository()));
        if (n.duration() != null) {
            fields.add("*Duration*\n" + duration(n.duration()));
        }
        if (n.triggerType() != null && n.kind() == Kind.PIPELINE) {
            fields.add("*Trigger*\n" + Text.escape(n.triggerType(), 100));
        }
        if (n.compareUrl() != null && n.compareUrl().startsWith("https://")) {
            fields.add("*Changes*\n" + Text.link(n.compareUrl(), "compare"));
        }
        return fields;
    }

    /** The commit (short SHA linked to GitHub), its tag or branch and its author, as message fields. */
    public static List<String> commitFields(Commit c, String repository) {
        List<String> fields = new ArrayList<>();
        if (c.sha() != null) {
            String shortSha = c.sha().length() > 7 ? c.sha().substring(0, 7) : c.sha();
            fields.add("*Commit*\n" + (Links.isSha(c.sha()) && repository != null
                    ? Text.link(Links.commit(repository, c.sha()), shortSha)
                    : Text.code(shortSha, 40)));
        }
        if (c.tag() != null) {
            fields.add("*Tag*\n" + Text.code(c.tag(), 200));
        } else if (c.branch() != null) {
            fields.add("*Branch*\n" + Text.code(c.branch(), 200));
        }
        if (c.author() != null) {
            fields.add("*Author*\n" + Text.escape(c.author(), 200));
        }
        return fields;
    }

    private String failureSection(Notification n) {
        ActionInfo a = n.action();
        StringBuilder s = new StringBuilder(n.failure() ? "*Failed in* stage " : "*" + Text.escape(n.state(), 20) + " in* stage ")
                .append(code(a.stage() == null ? "?" : a.stage()));
        if (a.action() != null) {
            s.append(", action ").append(code(a.action()));
        }
        if (a.provider() != null) {
            s.append(" (").append(Text.escape(a.provider(), 50)).append(')');
        }
        if (a.errorCode() != null) {
            s.append(" — ").append(Text.escape(a.errorCode(), 100));
        }
        if (a.summary() != null) {
            s.append('\n').append(Text.codeBlock(a.summary(), SUMMARY_MAX));
        }
        List<String> links = new ArrayList<>();
        String build = Links.codeBuild(n.region(), a.externalId());
        if (build != null) {
            links.add(Text.link(build, "CodeBuild build"));
            String logs = Links.codeBuildLogs(n.region(), a.externalId());
            if (logs != null) {
                links.add(Text.link(logs, "build logs"));
            }
        } else if (a.externalUrl() != null && a.externalUrl().startsWith("https://")) {
            links.add(Text.link(a.externalUrl(), "action details"));
        }
        if (!links.isEmpty()) {
            s.append('\n').append(String.join(" · ", links));
        }
        return s.toString();
    }

    private List<String> footer(Notification n) {
        List<String> parts = new ArrayList<>();
        parts.add(Text.link(Links.pipeline(n.region(), n.pipeline()), "pipeline " + n.pipeline()));
        if (n.executionId() != null) {
            parts.add(Text.link(Links.execution(n.region(), n.pipeline(), n.executionId()), "execution timeline"));
        }
        if (n.time() != null) {
            parts.add(DateTimeFormatter.ISO_INSTANT.format(n.time().truncatedTo(ChronoUnit.SECONDS)));
        }
        return List.of("shipgate · " + String.join(" · ", parts));
    }

    private String fallback(Notification n, String headline) {
        StringBuilder text = new StringBuilder();
        if (n.mention() != null) {
            text.append(n.mention()).append(' ');
        }
        text.append(Text.escape(headline, 300)).append(" (project ").append(Text.escape(n.project(), 200)).append(')');
        Commit c = n.commit();
        if (c.sha() != null) {
            text.append(" — commit ").append(Text.escape(c.sha().length() > 7 ? c.sha().substring(0, 7) : c.sha(), 40));
            String subject = Text.firstLine(c.message());
            if (subject != null) {
                text.append(" “").append(Text.escape(subject, 200)).append('”');
            }
            if (c.author() != null) {
                text.append(" by ").append(Text.escape(c.author(), 100));
            }
        }
        return text.toString();
    }

    private static String finding(Finding f) {
        StringBuilder line = new StringBuilder();
        String id = f.id() == null ? "unnamed finding" : f.id();
        line.append(f.uri() != null && f.uri().startsWith("http") ? Text.link(f.uri(), id) : "*" + Text.escape(id, 100) + "*");
        line.append(" ").append(Text.escape(f.severity() == null ? "UNDEFINED" : f.severity(), 20));
        if (f.cvss() != null) {
            line.append(" (CVSS ").append(f.cvss()).append(')');
        }
        if (f.packageName() != null) {
            line.append(" in ").append(Text.code(f.version() == null ? f.packageName() : f.packageName() + " " + f.version(), 161));
        }
        line.append(f.fixedIn() != null ? ", fixed in " + Text.code(f.fixedIn(), 60) : ", no fix yet");
        return line.toString();
    }

    private static String severityCounts(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        for (String severity : SEVERITY_ORDER) {
            Integer count = counts.get(severity);
            if (count != null) {
                parts.add(severity + " " + count);
            }
        }
        counts.keySet().stream().filter(k -> !SEVERITY_ORDER.contains(k)).sorted()
                .forEach(k -> parts.add(Text.escape(k, 40) + " " + counts.get(k)));
        return String.join(" · ", parts);
    }

    private static String ids(List<String> ids) {
        List<String> shown = ids.stream().limit(20).map(id -> Text.code(id, 60)).toList();
        return String.join(", ", shown) + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more" : "");
    }

    public static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m " + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m";
    }

    /** A name from the event (pipeline, stage, action) as inline code; escaped, since the event is outside input. */
    private static String code(String name) {
        return Text.code(name == null ? "?" : name, 200);
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String shortDigest(String digest) {
        return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
