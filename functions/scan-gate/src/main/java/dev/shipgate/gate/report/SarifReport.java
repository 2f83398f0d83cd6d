package dev.shipgate.gate.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Policy;
import dev.shipgate.gate.verdict.Evaluation;
import dev.shipgate.gate.verdict.Judgement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The findings report as SARIF 2.1.0: one run per image manifest judged (one for an image, one per platform of an
 * index), one rule per vulnerability id, one result per finding. A blocking finding is an {@code error}; the others
 * are {@code warning} (judged HIGH or CRITICAL) or {@code note}; an excepted one carries an accepted external
 * suppression with the exception's reason. The verdict, the image, the policy in force (with the stack owner's floor)
 * and what became of each exception are in the run's property bag. Written with jackson-core's streaming generator.
 */
public final class SarifReport {

    public static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String TOOL = "shipgate scan-gate";
    private static final JsonFactory JSON = new JsonFactory();

    private SarifReport() {
    }

    public static byte[] render(FindingsReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096 + report.findingCount() * 900);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            for (FindingsReport.Part part : report.parts()) {
                run(json, report, part);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing SARIF to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static void run(JsonGenerator json, FindingsReport report, FindingsReport.Part part) throws IOException {
        Evaluation e = part.evaluation();
        Map<String, Finding> rules = new LinkedHashMap<>();
        for (Judgement j : e.judgements()) {
            rules.putIfAbsent(j.finding().id(), j.finding());
        }
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        json.writeStartObject();
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", TOOL);
        json.writeStringField("fullName", "shipgate scan-gate (" + part.source().label() + " findings judged by the shipgate policy)");
        json.writeArrayFieldStart("rules");
        for (Finding f : rules.values()) {
            ruleIndex.put(f.id(), ruleIndex.size());
            json.writeStartObject();
            json.writeStringField("id", f.id());
            json.writeObjectFieldStart("shortDescription");
            json.writeStringField("text", f.id() + (f.packageName() == null ? "" : " in " + f.packageName()));
            json.writeEndObject();
            String help = webUri(f.uri());
            if (help != null) {
                json.writeStringField("helpUri", help);
            }
            json.writeObjectFieldStart("properties");
            json.writeArrayFieldStart("tags");
            json.writeString("security");
            json.writeString("vulnerability");
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();

        json.writeObjectFieldStart("automationDetails");
        json.writeStringField("id", "shipgate/" + report.key().substring(FindingsReport.KEY_PREFIX.length())
                + (part.platform() == null ? "" : "/" + part.platform()));
        json.writeEndObject();

        json.writeArrayFieldStart("invocations");
        json.writeStartObject();
        json.writeBooleanField("executionSuccessful", true);
        json.writeStringField("endTimeUtc", DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.MILLIS)));
        json.writeEndObject();
        json.writeEndArray();

        json.writeArrayFieldStart("results");
        for (Judgement j : e.judgements()) {
            result(json, j, ruleIndex.get(j.finding().id()), part.platform());
        }
        json.writeEndArray();

        json.writeObjectFieldStart("properties");
        json.writeStringField("verdict", e.verdict().name());
        json.writeStringField("overallVerdict", report.verdict().name());
        json.writeStringField("headline", report.headline());
        json.writeObjectFieldStart("image");
        writeText(json, "repository", report.subject().repository());
        writeText(json, "digest", part.digest());
        writeText(json, "indexDigest", part.platform() == null ? null : report.subject().imageDigest());
        writeText(json, "tag", report.subject().imageTag());
        writeText(json, "platform", part.platform());
        json.writeEndObject();
        json.writeStringField("scanSource", part.source().name());
        writeText(json, "pipelineName", report.subject().pipelineName());
        writeText(json, "pipelineExecutionId", report.subject().pipelineExecutionId());
        writeText(json, "jobId", report.subject().jobId());
        counts(json, "countsBeforeExceptions", e.countsBefore());
        counts(json, "countsAfterExceptions", e.countsAfter());
        json.writeNumberField("blocking", e.blocking().size());
        json.writeNumberField("excepted", e.excepted());
        json.writeNumberField("ignored", e.ignored());
        strings(json, "reasons", e.reasons());
        strings(json, "warnings", e.warnings());
        policy(json, report.policy());
        json.writeObjectFieldStart("exceptions");
        rules(json, "expired", e.expired());
        rules(json, "unused", e.unused());
        rules(json, "expiringSoon", e.expiringSoon());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void result(JsonGenerator json, Judgement j, int ruleIndex, String platform) throws IOException {
        Finding f = j.finding();
        json.writeStartObject();
        json.writeStringField("ruleId", f.id());
        json.writeNumberField("ruleIndex", ruleIndex);
        json.writeStringField("level", level(j));
        json.writeObjectFieldStart("message");
        json.writeStringField("text", message(j));
        json.writeEndObject();
        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        json.writeArrayFieldStart("logicalLocations");
        json.writeStartObject();
        json.writeStringField("name", f.packageName() == null ? "(package unknown)" : f.packageName());
        json.writeStringField("fullyQualifiedName", (f.packageName() == null ? "(package unknown)" : f.packageName())
                + (f.version() == null ? "" : "@" + f.version()));
        json.writeStringField("kind", "package");
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField("shipgateFinding/v1", f.id() + "|" + (f.packageName() == null ? "" : f.packageName())
                + "|" + (f.version() == null ? "" : f.version()) + (platform == null ? "" : "|" + platform));
        json.writeEndObject();
        if (j.exception() != null) {
            ExceptionRule rule = j.exception();
            json.writeArrayFieldStart("suppressions");
            json.writeStartObject();
            json.writeStringField("kind", "external");
            json.writeStringField("status", "accepted");
            json.writeStringField("justification", rule.reason() + " (policy exception " + rule.label() + ", expires "
                    + rule.expires() + ")");
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeObjectFieldStart("properties");
        json.writeStringField("disposition", j.disposition().name());
        json.writeStringField("severity", f.severity());
        writeText(json, "scannerSeverity", f.scannerSeverity());
        json.writeStringField("judgedSeverity", j.ranked().severity());
        writeText(json, "judgedBecause", j.ranked().why());
        if (f.cvss() != null) {
            json.writeNumberField("cvss", f.cvss());
            // GitHub code scanning reads a vulnerability's severity from this property (a number as a string, 0.0-10.0).
            json.writeStringField("security-severity", String.format(Locale.ROOT, "%.1f", Math.max(0, Math.min(10, f.cvss()))));
        }
        writeText(json, "package", f.packageName());
        writeText(json, "installedVersion", f.version());
        writeText(json, "fixedIn", f.fixedIn());
        json.writeStringField("fix", f.fix().name());
        writeText(json, "platform", platform);
        writeText(json, "uri", f.uri());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static String level(Judgement j) {
        if (j.disposition() == Judgement.Disposition.BLOCKING) {
            return "error";
        }
        return j.ranked().rank() >= 4 ? "warning" : "note";
    }

    private static String message(Judgement j) {
        Finding f = j.finding();
        StringBuilder text = new StringBuilder(f.id()).append(" (").append(j.ranked().severity());
        if (f.cvss() != null) {
            text.append(", CVSS ").append(f.cvss());
        }
        text.append(") in ").append(f.packageName() == null ? "an unknown package" : f.packageName());
        if (f.version() != null) {
            text.append(' ').append(f.version());
        }
        text.append(f.fixedIn() != null ? "; fixed in " + f.fixedIn() : "; fix " + f.fix().name().toLowerCase(Locale.ROOT));
        text.append(". ").append(j.disposition().label()).append(": ").append(j.disposition().why()).append('.');
        return text.toString();
    }

    private static void policy(JsonGenerator json, Policy p) throws IOException {
        json.writeObjectFieldStart("policy");
        json.writeStringField("origin", p.origin());
        json.writeObjectFieldStart("floor");
        json.writeStringField("failOnSeverity", p.floor().failOnSeverity());
        json.writeStringField("unscoredSeverity", p.floor().unscoredSeverity());
        json.writeEndObject();
        json.writeStringField("failOnSeverity", p.failOnSeverity());
        json.writeStringField("unscoredSeverity", p.unscoredSeverity());
        counts(json, "maxCounts", p.maxCounts());
        json.writeBooleanField("ignoreWithoutFix", p.ignoreWithoutFix());
        if (p.minCvss() != null) {
            json.writeNumberField("minCvss", p.minCvss());
        }
        writeText(json, "auditUntil", p.auditUntil() == null ? null : p.auditUntil().toString());
        json.writeBooleanField("allowUnsupportedImage", p.allowUnsupportedImage());
        json.writeNumberField("maxExceptionDays", p.maxExceptionDays());
        rules(json, "exceptions", p.exceptions());
        json.writeEndObject();
    }

    private static void rules(JsonGenerator json, String name, List<ExceptionRule> rules) throws IOException {
        json.writeArrayFieldStart(name);
        for (ExceptionRule rule : rules) {
            json.writeStartObject();
            json.writeStringField("id", rule.id());
            writeText(json, "package", rule.packageName());
            json.writeStringField("reason", rule.reason());
            json.writeStringField("expires", rule.expires().toString());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void counts(JsonGenerator json, String name, Map<String, Integer> counts) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            json.writeNumberField(count.getKey(), count.getValue());
        }
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeText(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    /** The URI when it is an absolute http(s) URI (SARIF's helpUri must be a URI); else null. */
    private static String webUri(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? value : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
