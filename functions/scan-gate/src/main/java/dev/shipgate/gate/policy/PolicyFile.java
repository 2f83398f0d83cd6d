package dev.shipgate.gate.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shipgate.gate.finding.Severity;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;

/**
 * Parses the project's YAML policy file ({@code .shipgate/policy.yaml}) over the stack's {@link Floor}. Strict on
 * purpose: an unknown or repeated key is an error, because a misspelt {@code exceptons:} would otherwise silently block
 * (or a misspelt threshold silently pass) a deploy. The file is written by the repository the gate guards, so it may
 * tighten the floor but never loosen it: a milder threshold, a count or an audit window that would let findings at or
 * above the floor through is an error naming the key. Accepting a finding takes an exception with reason and expiry.
 */
public final class PolicyFile {

    static final Set<String> KEYS = Set.of("version", "failOnSeverity", "unscoredSeverity", "maxCounts", "ignoreWithoutFix", "minCvss",
            "auditUntil", "allowUnsupportedImage", "maxExceptionDays", "exceptions");
    static final Set<String> EXCEPTION_KEYS = Set.of("id", "package", "reason", "expires", "owner", "ticket");

    private PolicyFile() {
    }

    /** Holder so the YAML parser classes load only when a project actually has a policy file. */
    private static final class Yaml {
        /** A key given twice is an error: a second {@code failOnSeverity:} must not override the one a reviewer read. */
        static final YAMLFactory FACTORY = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    public static Policy parse(byte[] yaml, String origin, Policy base, LocalDate today) {
        JsonNode root;
        try (JsonParser parser = Yaml.FACTORY.createParser(yaml)) {
            root = JsonTree.read(parser);
            if (parser.nextToken() != null) {
                throw invalid(origin, "holds more than one YAML document ('---'); keep the whole policy in one, so what a"
                        + " reviewer reads is what the gate applies");
            }
        } catch (JacksonException e) {
            throw invalid(origin, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(origin, "unreadable: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return base.withOrigin(origin + " (empty)");
        }
        if (!root.isObject()) {
            throw invalid(origin, "the top level must be a mapping of policy keys, got a " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        checkKeys(origin, "", root, KEYS);
        JsonNode version = root.path("version");
        if (!version.isMissingNode() && !(version.canConvertToInt() && version.asInt() == 1 && !version.isTextual())) {
            throw invalid(origin, "version: only version 1 is understood, got '" + version.asText() + "'");
        }
        Floor floor = base.floor();
        String failOn = root.has("failOnSeverity") ? severity(origin, root, "failOnSeverity") : base.failOnSeverity();
        if (Severity.rank(failOn) > floor.rank()) {
            throw invalid(origin, "failOnSeverity: " + failOn + " is milder than the stack's FailOnSeverity " + floor.failOnSeverity()
                    + "; the policy file may only tighten it. To accept particular findings, add exceptions with reason and expires");
        }
        String unscored = base.unscoredSeverity();
        if (root.has("unscoredSeverity")) {
            unscored = severity(origin, root, "unscoredSeverity");
            if (Severity.rank(unscored) < Severity.rank(floor.unscoredSeverity())) {
                throw invalid(origin, "unscoredSeverity: " + unscored + " is milder than the stack's UnscoredSeverity "
                        + floor.unscoredSeverity() + "; the policy file may only make it stricter");
            }
        }
        Map<String, Integer> maxCounts = root.has("maxCounts") ? maxCounts(origin, root.path("maxCounts"), floor) : base.maxCounts();
        boolean ignoreWithoutFix = root.has("ignoreWithoutFix") ? bool(origin, root, "ignoreWithoutFix") : base.ignoreWithoutFix();
        Double minCvss = base.minCvss();
        if (root.has("minCvss")) {
            JsonNode value = root.path("minCvss");
            if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 10) {
                throw invalid(origin, "minCvss: must be a number from 0 to 10, got '" + value.asText() + "'");
            }
            minCvss = value.asDouble();
        }
        boolean allowUnsupported = root.has("allowUnsupportedImage") ? bool(origin, root, "allowUnsupportedImage") : base.allowUnsupportedImage();
        if (allowUnsupported && !floor.allowUnsupportedImage()) {
            throw invalid(origin, "allowUnsupportedImage: true needs the stack's AllowUnsupportedImage=true: whether an image"
                    + " nothing could scan may deploy is the stack owner's choice");
        }
        int maxDays = base.maxExceptionDays();
        if (root.has("maxExceptionDays")) {
            JsonNode value = root.path("maxExceptionDays");
            if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > base.maxExceptionDays()) {
                throw invalid(origin, "maxExceptionDays: must be a whole number from 1 to " + base.maxExceptionDays()
                        + " (the stack's limit; the policy file may only shorten it), got '" + value.asText() + "'");
            }
            maxDays = value.asInt();
        }
        LocalDate latest = today.plusDays(maxDays);
        LocalDate auditUntil = base.auditUntil();
        if (root.has("auditUntil")) {
            auditUntil = date(origin, "auditUntil", root.path("auditUntil"));
            if (auditUntil.isAfter(latest)) {
                throw invalid(origin, "auditUntil: " + auditUntil + " is more than " + maxDays + " days ahead (latest allowed"
                        + " today: " + latest + "); audit mode is a short, announced transition, not a way to switch the gate off");
            }
        }
        List<ExceptionRule> exceptions = root.has("exceptions")
                ? exceptions(origin, root.path("exceptions"), today, maxDays) : base.exceptions();
        return new Policy(floor, failOn, unscored, maxCounts, ignoreWithoutFix, minCvss, exceptions, auditUntil, allowUnsupported,
                maxDays, origin);
    }

    private static String severity(String origin, JsonNode root, String key) {
        String severity = Severity.normalize(text(origin, root, key));
        if (!Severity.isThreshold(severity)) {
            throw invalid(origin, key + ": '" + root.path(key).asText() + "' is not one of " + Severity.ORDERED);
        }
        return severity;
    }

    /** Only severities below the floor: a count must never let a finding the stack owner says blocks through. */
    private static Map<String, Integer> maxCounts(String origin, JsonNode node, Floor floor) {
        if (!node.isObject()) {
            throw invalid(origin, "maxCounts: must map a severity to a whole number, e.g. 'MEDIUM: 20'");
        }
        Map<String, Integer> counts = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode value = entry.getValue();
            if (!value.isIntegralNumber() || value.asInt() < 0) {
                throw invalid(origin, "maxCounts." + entry.getKey() + ": must be a whole number of 0 or more, got '" + value.asText() + "'");
            }
            String severity = Severity.normalize(entry.getKey());
            if (!Severity.isThreshold(severity)) {
                throw invalid(origin, "maxCounts." + entry.getKey() + ": not one of " + Severity.ORDERED + "; findings of an"
                        + " unranked severity are judged by their CVSS score, or as unscoredSeverity without one");
            }
            if (Severity.rank(severity) >= floor.rank()) {
                throw invalid(origin, "maxCounts." + entry.getKey() + ": " + severity + " is at or above the stack's FailOnSeverity "
                        + floor.failOnSeverity() + ", where every finding blocks; accept particular findings with exceptions"
                        + " (reason and expires) instead");
            }
            if (counts.put(severity, value.asInt()) != null) {
                throw invalid(origin, "maxCounts." + entry.getKey() + ": " + severity + " is given twice (severities ignore case)");
            }
        }
        return counts;
    }

    private static List<ExceptionRule> exceptions(String origin, JsonNode node, LocalDate today, int maxDays) {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(origin, "exceptions: must be a list of entries with id, reason and expires");
        }
        List<ExceptionRule> rules = new ArrayList<>();
        LocalDate latest = today.plusDays(maxDays);
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            String where = "exceptions[" + i + "]";
            if (!entry.isObject()) {
                throw invalid(origin, where + ": must be a mapping with id, reason and expires");
            }
            checkKeys(origin, where + ".", entry, EXCEPTION_KEYS);
            String id = requiredText(origin, entry, where, "id");
            where = where + " (" + id + ")";
            String reason = requiredText(origin, entry, where, "reason");
            if (!entry.has("expires")) {
                throw invalid(origin, where + ": 'expires' is required (a date at most " + maxDays + " days ahead, e.g. " + latest + ")");
            }
            LocalDate expires = date(origin, where + ".expires", entry.path("expires"));
            if (expires.isAfter(latest)) {
                throw invalid(origin, where + ".expires: " + expires + " is more than " + maxDays
                        + " days ahead (latest allowed today: " + latest + "); review the exception again before then");
            }
            String pkg = entry.has("package") ? requiredText(origin, entry, where, "package") : null;
            if (reason.isBlank()) {
                throw invalid(origin, where + ": 'reason' must say why the finding is accepted");
            }
            rules.add(new ExceptionRule(id, pkg, reason, expires));
        }
        return rules;
    }

    private static void checkKeys(String origin, String prefix, JsonNode node, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(origin, prefix + name + ": unknown key (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String requiredText(String origin, JsonNode node, String where, String key) {
        JsonNode value = node.path(key);
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw invalid(origin, where + ": '" + key + "' is required and must be a non-empty text");
        }
        return value.asText().trim();
    }

    private static String text(String origin, JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (!value.isTextual()) {
            throw invalid(origin, key + ": must be a text, got '" + value.asText() + "'");
        }
        return value.asText();
    }

    private static boolean bool(String origin, JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (!value.isBoolean()) {
            throw invalid(origin, key + ": must be true or false, got '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    private static LocalDate date(String origin, String where, JsonNode value) {
        try {
            return LocalDate.parse(value.asText().trim());
        } catch (DateTimeParseException e) {
            throw invalid(origin, where + ": '" + value.asText() + "' is not a date like 2026-03-31");
        }
    }

    private static InvalidPolicyException invalid(String origin, String problem) {
        return new InvalidPolicyException("Invalid policy file " + origin + ": " + problem);
    }
}
