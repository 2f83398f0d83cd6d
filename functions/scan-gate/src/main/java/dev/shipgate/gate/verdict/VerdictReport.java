package dev.shipgate.gate.verdict;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.policy.ExceptionRule;

import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns an evaluation into the texts CodePipeline and the notifier show, within CodePipeline's limits. */
public final class VerdictReport {

    public static final int MAX_FAILURE_MESSAGE = 5000;
    public static final int MAX_SUMMARY = 2048;

    private VerdictReport() {
    }

    /** One line: the verdict in a sentence, for the notifier and the logs. */
    public static String headline(Evaluation e, Subject subject) {
        String counts = counts(e.countsBefore());
        return switch (e.verdict()) {
            case PASS -> "PASS: " + subject.image() + " has no blocking findings (" + counts + ")";
            case FAIL -> "FAIL: " + subject.image() + " has " + e.blocking().size() + " blocking finding"
                    + (e.blocking().size() == 1 ? "" : "s") + ": " + String.join("; ", e.reasons());
            case AUDIT -> "AUDIT: " + subject.image() + " would be blocked by " + e.blocking().size() + " finding"
                    + (e.blocking().size() == 1 ? "" : "s") + " (" + String.join("; ", e.reasons())
                    + "); audit mode until " + e.policy().auditUntil();
            case ERROR -> "ERROR: " + subject.image();
        };
    }

    /** The PutJobFailureResult message: what blocks, worst first, then counts and exception problems (≤ 5000). */
    public static String failureMessage(Evaluation e, Subject subject) {
        StringBuilder head = new StringBuilder();
        head.append("Deploy blocked: ").append(subject.image()).append(" breaks the vulnerability policy (")
                .append(e.policy().origin()).append("): ").append(String.join("; ", e.reasons())).append(".\n");
        head.append("Counts before exceptions: ").append(counts(e.countsBefore())).append('\n');
        head.append("Counts after exceptions: ").append(counts(e.countsAfter()))
                .append(" (").append(e.excepted()).append(" excepted, ").append(e.ignored()).append(" ignored by policy)\n");
        head.append(rankingLine(e));
        String tail = exceptionLines(e);
        StringBuilder out = new StringBuilder(head).append("Blocking findings, worst first:\n");
        int budget = MAX_FAILURE_MESSAGE - tail.length() - 60;
        int shown = 0;
        Map<Finding, Ranked> ranked = e.rankedByFinding();
        for (Finding f : e.blocking()) {
            String line = "- " + findingLine(f, ranked.get(f)) + '\n';
            if (out.length() + line.length() > budget) {
                break;
            }
            out.append(line);
            shown++;
        }
        if (shown < e.blocking().size()) {
            out.append("... and ").append(e.blocking().size() - shown).append(" more\n");
        }
        out.append(tail);
        out.append("Fix: upgrade the packages above, or add a reviewed exception (id, reason, expires) to the policy file.");
        return clip(out.toString(), MAX_FAILURE_MESSAGE);
    }

    /** executionDetails.summary for a passing (or audit) verdict (≤ 2048). */
    public static String successSummary(Evaluation e, Subject subject) {
        StringBuilder out = new StringBuilder(headline(e, subject));
        if (e.verdict() == VerdictKind.AUDIT) {
            Map<Finding, Ranked> ranked = e.rankedByFinding();
            out.append(". Would block: ").append(e.blocking().stream().limit(10).map(f -> shortLine(f, ranked.get(f)))
                    .collect(Collectors.joining(", ")));
        }
        String ranking = rankingLine(e);
        if (!ranking.isEmpty()) {
            out.append(". ").append(ranking.strip());
        }
        if (e.excepted() > 0) {
            out.append(". ").append(e.excepted()).append(" excepted");
        }
        appendIds(out, ". Expired exceptions (no longer applied): ", e.expired());
        appendIds(out, ". Unused exceptions: ", e.unused());
        appendIds(out, ". Exceptions expiring within 7 days: ", e.expiringSoon());
        for (String warning : e.warnings()) {
            out.append(". Warning: ").append(warning);
        }
        return clip(out.toString(), MAX_SUMMARY);
    }

    public static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(c -> c.getKey() + " " + c.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * Which findings had a severity the gate does not rank, and how they were judged (empty when none had):
     * {@code 3 findings with an unranked severity were judged by rule (UNTRIAGED 2, UNDEFINED 1): 1 by CVSS score, 2 as HIGH (unscored).}
     */
    static String rankingLine(Evaluation e) {
        if (e.rankedByRule().isEmpty()) {
            return "";
        }
        Map<String, Integer> bySeverity = new TreeMap<>();
        int byScore = 0;
        for (Ranked r : e.rankedByRule()) {
            bySeverity.merge(r.finding().severity(), 1, Integer::sum);
            if (r.finding().cvss() != null && r.finding().cvss() > 0) {
                byScore++;
            }
        }
        int n = e.rankedByRule().size();
        return n + " finding" + (n == 1 ? "" : "s") + " with an unranked severity " + (n == 1 ? "was" : "were") + " judged by rule ("
                + counts(bySeverity) + "): " + byScore + " by CVSS score (v3 bands), " + (n - byScore) + " without a score as "
                + e.policy().unscoredSeverity() + " (unscored severity)\n";
    }

    static String findingLine(Finding f, Ranked ranked) {
        StringBuilder line = new StringBuilder(f.id()).append(' ').append(f.severity());
        if (ranked != null) {
            line.append(" judged ").append(ranked.severity());
        }
        if (f.cvss() != null) {
            line.append(" (CVSS ").append(f.cvss()).append(')');
        }
        line.append(' ').append(f.packageName() == null ? "(package unknown)" : f.packageName());
        if (f.version() != null) {
            line.append(' ').append(f.version());
        }
        line.append(f.fixedIn() != null ? ", fixed in " + f.fixedIn() : switch (f.fix()) {
            case NONE -> ", no fix available";
            case UNKNOWN -> ", fix unknown";
            default -> ", fix available";
        });
        if (f.uri() != null) {
            line.append(' ').append(f.uri());
        }
        return line.toString();
    }

    private static String shortLine(Finding f, Ranked ranked) {
        return f.id() + " " + f.severity() + (ranked == null ? "" : " judged " + ranked.severity())
                + (f.packageName() == null ? "" : " " + f.packageName());
    }

    private static String exceptionLines(Evaluation e) {
        StringBuilder out = new StringBuilder();
        appendRules(out, "Expired exceptions (no longer applied): ", e.expired(), true);
        appendRules(out, "Unused exceptions (matched nothing; remove them): ", e.unused(), false);
        appendRules(out, "Exceptions expiring within 7 days: ", e.expiringSoon(), true);
        for (String warning : e.warnings()) {
            out.append("Warning: ").append(warning).append('\n');
        }
        return clip(out.toString(), 1500);
    }

    private static void appendRules(StringBuilder out, String title, List<ExceptionRule> rules, boolean withDate) {
        if (rules.isEmpty()) {
            return;
        }
        out.append(title).append(rules.stream()
                .map(r -> r.label() + (withDate ? " expires " + r.expires() : ""))
                .collect(Collectors.joining(", "))).append('\n');
    }

    private static void appendIds(StringBuilder out, String title, List<ExceptionRule> rules) {
        if (!rules.isEmpty()) {
            out.append(title).append(rules.stream().map(ExceptionRule::label).collect(Collectors.joining(", ")));
        }
    }

    public static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
