package dev.shipgate.gate.report;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.policy.Policy;
import dev.shipgate.gate.verdict.Evaluation;
import dev.shipgate.gate.verdict.Judgement;
import dev.shipgate.gate.verdict.VerdictReport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The findings report as one self-contained HTML page: no external fetch of any kind (its Content-Security-Policy
 * allows only its own inline style and script, by hash). Every text from a scanner, the policy file or the job is
 * HTML-escaped, and links are written only for http(s) URLs, since all of it is attacker-influenced. The findings
 * table sorts by status, severity, package and fix; {@code #sort=<column>-<asc|desc>} in the URL picks the order.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
            main{max-width:1400px;margin:0 auto;padding:0 20px 40px}
            header{padding:18px 20px;color:#fff}
            header.FAIL{background:#b42318}header.PASS{background:#067647}header.AUDIT{background:#b54708}header.ERROR{background:#475467}
            header h1{margin:0 0 4px;font-size:22px}header p{margin:0;max-width:1400px;overflow-wrap:anywhere}
            h2{font-size:17px;margin:26px 0 8px}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:0}
            dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
            table{border-collapse:collapse;width:100%;background:#fff}
            th,td{border:1px solid #d0d5dd;padding:4px 7px;text-align:left;vertical-align:top;overflow-wrap:break-word}
            th{background:#eaecf0}th button{font:inherit;font-weight:600;border:0;background:none;cursor:pointer;padding:0}
            th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
            tr.BLOCKING td:first-child{color:#b42318;font-weight:700}tr.EXCEPTED td:first-child{color:#6941c6}
            .sev{font-weight:600}.muted{color:#667085}code{font-size:12px}
            ul{margin:4px 0;padding-left:20px}
            """;

    private static final String SCRIPT = """
            (function () {
              var table = document.getElementById('findings');
              if (!table) { return; }
              var body = table.tBodies[0];
              var headers = Array.prototype.slice.call(table.querySelectorAll('th[data-sort]'));
              function compare(by, descending) {
                return function (a, b) {
                  var x = a.getAttribute('data-' + by), y = b.getAttribute('data-' + by);
                  var c = by === 'package' ? (x < y ? -1 : x > y ? 1 : 0) : Number(x) - Number(y);
                  if (descending) { c = -c; }
                  return c !== 0 ? c : Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
                };
              }
              function sort(by, direction) {
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(compare(by, direction === 'desc'));
                var ordered = document.createDocumentFragment();
                rows.forEach(function (row) { ordered.appendChild(row); });
                body.appendChild(ordered);
                headers.forEach(function (h) {
                  h.setAttribute('aria-sort', h.getAttribute('data-sort') !== by ? 'none'
                      : direction === 'asc' ? 'ascending' : 'descending');
                });
                table.setAttribute('data-sorted', by + '-' + direction);
              }
              headers.forEach(function (h) {
                h.querySelector('button').addEventListener('click', function () {
                  var by = h.getAttribute('data-sort');
                  var direction = h.getAttribute('aria-sort') === 'descending' ? 'asc'
                      : h.getAttribute('aria-sort') === 'ascending' ? 'desc' : h.getAttribute('data-first');
                  sort(by, direction);
                  try { history.replaceState(null, '', '#sort=' + by + '-' + direction); } catch (e) { /* file: URLs may refuse */ }
                });
              });
              var wanted = /^#sort=(status|severity|package|fix)-(asc|desc)$/.exec(location.hash);
              if (wanted) { sort(wanted[1], wanted[2]); }
            })();
            """;

    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; script-src '"
            + sha256(SCRIPT) + "'; base-uri 'none'; form-action 'none'";
    private static final Pattern WEB_URL = Pattern.compile("https?://[^\\s\"'<>\\\\`]+", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    /** The default order: blocking first, then what is closest to blocking; worst severity first within each. */
    private static final Comparator<Row> DEFAULT_ORDER = Comparator.comparingInt((Row r) -> r.judgement().disposition().ordinal())
            .thenComparing(Comparator.comparingInt(Row::severityKey).reversed());

    private HtmlReport() {
    }

    private record Row(String platform, Judgement judgement) {
        int severityKey() {
            Finding f = judgement.finding();
            int tenths = f.cvss() == null ? 0 : (int) Math.round(Math.max(0, Math.min(10, f.cvss())) * 10);
            return judgement.ranked().rank() * 1000 + tenths;
        }
    }

    public static byte[] render(FindingsReport report) {
        StringBuilder out = new StringBuilder(4096 + report.findingCount() * 700);
        boolean platforms = report.parts().stream().anyMatch(p -> p.platform() != null);
        String verdict = report.verdict().name();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY).append("\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        text(out, verdict + " · shipgate security gate · " + report.subject().image());
        out.append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<header class=\"").append(verdict)
                .append("\" id=\"verdict\" data-verdict=\"").append(verdict).append("\">\n<h1>");
        text(out, marker(verdict) + " · security gate");
        out.append("</h1>\n<p>");
        text(out, report.headline());
        out.append("</p>\n</header>\n<main>\n");

        subject(out, report, platforms);
        counts(out, report);
        policy(out, report);
        exceptions(out, report);
        findings(out, report, platforms);

        out.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void subject(StringBuilder out, FindingsReport report, boolean platforms) {
        var s = report.subject();
        out.append("<section id=\"image\">\n<h2>Image</h2>\n<dl>\n");
        item(out, "Repository", s.repository());
        item(out, platforms ? "Image index digest" : "Image digest", s.imageDigest());
        item(out, "Tag", s.imageTag());
        for (FindingsReport.Part part : report.parts()) {
            if (platforms) {
                item(out, "Platform " + part.platform(), part.digest() + " · " + part.source().label()
                        + " · " + part.evaluation().verdict().name());
            }
        }
        if (!platforms) {
            item(out, "Scan source", report.parts().getFirst().source().label());
        }
        item(out, "Pipeline", s.pipelineName());
        item(out, "Execution", s.pipelineExecutionId());
        item(out, "Job", s.jobId());
        item(out, "Judged at", TIME.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS)));
        out.append("</dl>\n</section>\n");
    }

    private static void counts(StringBuilder out, FindingsReport report) {
        out.append("<section id=\"counts\">\n<h2>Counts</h2>\n<table>\n<thead><tr><th>Platform</th><th>Severity (as the scanner named it)</th>")
                .append("<th>Before exceptions</th><th>After exceptions</th></tr></thead>\n<tbody>\n");
        for (FindingsReport.Part part : report.parts()) {
            Evaluation e = part.evaluation();
            Map<String, Integer> before = e.countsBefore();
            for (Map.Entry<String, Integer> count : before.entrySet()) {
                out.append("<tr><td>");
                text(out, part.platform() == null ? "image" : part.platform());
                out.append("</td><td>");
                text(out, count.getKey());
                out.append("</td><td>").append(count.getValue()).append("</td><td>")
                        .append(e.countsAfter().getOrDefault(count.getKey(), 0)).append("</td></tr>\n");
            }
        }
        out.append("</tbody>\n</table>\n");
        for (FindingsReport.Part part : report.parts()) {
            Evaluation e = part.evaluation();
            String where = part.platform() == null ? "" : part.platform() + ": ";
            out.append("<p>");
            text(out, where + e.total() + " findings, " + e.blocking().size() + " blocking, " + e.excepted() + " excepted, "
                    + e.ignored() + " ignored by policy.");
            out.append("</p>\n");
            list(out, e.reasons().stream().map(r -> where + "blocks: " + r).toList());
            list(out, e.warnings().stream().map(w -> where + "warning: " + w).toList());
        }
        out.append("</section>\n");
    }

    private static void policy(StringBuilder out, FindingsReport report) {
        Policy p = report.policy();
        out.append("<section id=\"policy\">\n<h2>Policy in force</h2>\n<dl>\n");
        item(out, "From", p.origin());
        item(out, "Stack owner's floor", "FailOnSeverity " + p.floor().failOnSeverity() + ", UnscoredSeverity "
                + p.floor().unscoredSeverity() + " (template parameters; the repository may only tighten them)");
        item(out, "failOnSeverity", p.failOnSeverity());
        item(out, "unscoredSeverity", p.unscoredSeverity());
        item(out, "maxCounts", p.maxCounts().isEmpty() ? "none" : VerdictReport.counts(new TreeMap<>(p.maxCounts())));
        item(out, "ignoreWithoutFix", String.valueOf(p.ignoreWithoutFix()));
        item(out, "minCvss", p.minCvss() == null ? "none" : String.valueOf(p.minCvss()));
        item(out, "auditUntil", p.auditUntil() == null ? "none (enforcing)" : p.auditUntil().toString());
        item(out, "allowUnsupportedImage", String.valueOf(p.allowUnsupportedImage()));
        item(out, "maxExceptionDays", String.valueOf(p.maxExceptionDays()));
        out.append("</dl>\n</section>\n");
    }

    private static void exceptions(StringBuilder out, FindingsReport report) {
        List<FindingsReport.ExceptionUse> uses = report.exceptionUses();
        out.append("<section id=\"exceptions\">\n<h2>Exceptions (").append(uses.size()).append(")</h2>\n");
        if (uses.isEmpty()) {
            out.append("<p class=\"muted\">The policy has no exceptions.</p>\n</section>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th>Status</th><th>Vulnerability</th><th>Package</th><th>Expires</th><th>Reason</th>")
                .append("<th>Findings covered</th></tr></thead>\n<tbody>\n");
        for (FindingsReport.ExceptionUse use : uses) {
            String status = switch (use.status()) {
                case APPLIED -> "Applied";
                case EXPIRED -> "Expired (no longer applied)";
                case UNUSED -> "Unused (matched nothing; remove it)";
            };
            out.append("<tr class=\"").append(use.status().name()).append("\"><td>");
            text(out, status + (use.expiringSoon() ? "; expires within 7 days" : ""));
            out.append("</td><td>");
            text(out, use.rule().id());
            out.append("</td><td>");
            text(out, use.rule().packageName() == null ? "any" : use.rule().packageName());
            out.append("</td><td>");
            text(out, use.rule().expires().toString());
            out.append("</td><td>");
            text(out, use.rule().reason());
            out.append("</td><td>").append(use.covered()).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static void findings(StringBuilder out, FindingsReport report, boolean platforms) {
        List<Row> rows = new ArrayList<>(report.findingCount());
        for (FindingsReport.Part part : report.parts()) {
            part.evaluation().judgements().forEach(j -> rows.add(new Row(part.platform(), j)));
        }
        rows.sort(DEFAULT_ORDER);
        out.append("<section>\n<h2>Findings (").append(rows.size()).append(", ").append(report.blockingCount())
                .append(" blocking)</h2>\n<p class=\"muted\">Blocking first, then worst severity first. Click a column")
                .append(" heading to sort by it.</p>\n<table id=\"findings\" data-sorted=\"status-asc\">\n<thead><tr>")
                .append("<th data-sort=\"status\" data-first=\"asc\" aria-sort=\"ascending\"><button type=\"button\">Status</button></th>")
                .append("<th data-sort=\"severity\" data-first=\"desc\" aria-sort=\"none\"><button type=\"button\">Severity</button></th>")
                .append("<th>Vulnerability</th>")
                .append("<th data-sort=\"package\" data-first=\"asc\" aria-sort=\"none\"><button type=\"button\">Package</button></th>")
                .append("<th>Installed</th>")
                .append("<th data-sort=\"fix\" data-first=\"asc\" aria-sort=\"none\"><button type=\"button\">Fix</button></th>");
        if (platforms) {
            out.append("<th>Platform</th>");
        }
        out.append("<th>Why</th></tr></thead>\n<tbody>\n");
        int index = 0;
        for (Row row : rows) {
            row(out, row, index++, platforms);
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static void row(StringBuilder out, Row row, int index, boolean platforms) {
        Judgement j = row.judgement();
        Finding f = j.finding();
        out.append("<tr class=\"").append(j.disposition().name()).append("\" data-index=\"").append(index)
                .append("\" data-status=\"").append(j.disposition().ordinal())
                .append("\" data-severity=\"").append(row.severityKey())
                .append("\" data-package=\"");
        text(out, (f.packageName() == null ? "" : f.packageName().toLowerCase(Locale.ROOT)) + " "
                + (f.version() == null ? "" : f.version()));
        out.append("\" data-fix=\"").append(fixKey(f)).append("\"><td>");
        text(out, j.disposition().label());
        out.append("</td><td><span class=\"sev\">");
        text(out, j.ranked().severity());
        out.append("</span>");
        if (j.ranked().why() != null || f.scannerSeverity() != null && !f.scannerSeverity().equals(j.ranked().severity())) {
            out.append(" <span class=\"muted\">(scanner: ");
            text(out, f.scannerSeverity() == null || f.scannerSeverity().isBlank() ? "none" : f.scannerSeverity());
            out.append(")</span>");
        }
        if (f.cvss() != null) {
            out.append("<br><span class=\"muted\">CVSS ");
            text(out, String.valueOf(f.cvss()));
            out.append("</span>");
        }
        out.append("</td><td>");
        if (f.uri() != null && WEB_URL.matcher(f.uri()).matches()) {
            out.append("<a rel=\"noopener noreferrer\" href=\"");
            text(out, f.uri());
            out.append("\">");
            text(out, f.id());
            out.append("</a>");
        } else {
            text(out, f.id());
        }
        out.append("</td><td>");
        text(out, f.packageName() == null ? "(unknown)" : f.packageName());
        out.append("</td><td>");
        text(out, f.version() == null ? "" : f.version());
        out.append("</td><td>");
        text(out, fixText(f));
        out.append("</td>");
        if (platforms) {
            out.append("<td>");
            text(out, row.platform());
            out.append("</td>");
        }
        out.append("<td>");
        text(out, why(j));
        out.append("</td></tr>\n");
    }

    private static String why(Judgement j) {
        StringBuilder why = new StringBuilder(j.disposition().why());
        if (j.exception() != null) {
            why.append(": ").append(j.exception().label()).append(", until ").append(j.exception().expires())
                    .append(" — ").append(j.exception().reason());
        }
        if (j.ranked().why() != null) {
            why.append("; ").append(j.ranked().why());
        }
        return why.toString();
    }

    /** Fixed-in version known, fix available, partly available, unknown, no fix: the order the Fix column sorts in. */
    private static int fixKey(Finding f) {
        if (f.fixedIn() != null) {
            return 0;
        }
        return switch (f.fix()) {
            case AVAILABLE -> 1;
            case PARTIAL -> 2;
            case UNKNOWN -> 3;
            case NONE -> 4;
        };
    }

    private static String fixText(Finding f) {
        if (f.fixedIn() != null) {
            return "fixed in " + f.fixedIn();
        }
        return switch (f.fix()) {
            case AVAILABLE -> "fix available";
            case PARTIAL -> "partly fixed";
            case UNKNOWN -> "unknown";
            case NONE -> "no fix";
        };
    }

    private static String marker(String verdict) {
        return switch (verdict) {
            case "FAIL" -> "⛔ BLOCKED";
            case "PASS" -> "🛡️ PASSED";
            case "AUDIT" -> "👀 AUDIT";
            default -> verdict;
        };
    }

    private static void item(StringBuilder out, String term, String value) {
        if (value == null) {
            return;
        }
        out.append("<dt>");
        text(out, term);
        out.append("</dt><dd>");
        text(out, value);
        out.append("</dd>\n");
    }

    private static void list(StringBuilder out, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append("<ul>");
        for (String item : items) {
            out.append("<li>");
            text(out, item);
            out.append("</li>");
        }
        out.append("</ul>\n");
    }

    /** Escapes text for an element's content or a double-quoted attribute; control characters become U+FFFD. */
    static void text(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append(c);
                default -> out.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
            }
        }
    }

    private static String sha256(String inline) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(inline.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
