package dev.shipgate.gate.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipgate.shared.json.JsonTree;
import dev.shipgate.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFileTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    static Policy parse(String yaml) {
        return PolicyFile.parse(yaml.getBytes(StandardCharsets.UTF_8), ".shipgate/policy.yaml", Policy.defaults("HIGH"), TODAY);
    }

    @Test
    void parse_documentedExample_readsEveryKey() {
        Policy policy = PolicyFile.parse(Events.bytes("scan-gate", "policy-example.yaml"), "example", Policy.defaults("CRITICAL"), TODAY);

        assertThat(policy.failOnSeverity()).isEqualTo("HIGH");
        assertThat(policy.maxCounts()).containsExactlyEntriesOf(java.util.Map.of("MEDIUM", 20));
        assertThat(policy.unscoredSeverity()).isEqualTo("HIGH");
        assertThat(policy.ignoreWithoutFix()).isTrue();
        assertThat(policy.minCvss()).isEqualTo(4.0);
        assertThat(policy.auditUntil()).isEqualTo(LocalDate.of(2026, 12, 15));
        assertThat(policy.allowUnsupportedImage()).isFalse();
        assertThat(policy.exceptions()).containsExactly(
                new ExceptionRule("CVE-2024-45490", "libexpat1", "Parser only reads our own signed config files; upgrade tracked in APP-1234", LocalDate.of(2027, 1, 31)),
                new ExceptionRule("CVE-2023-4911", null, "glibc tunables: the container never runs setuid binaries", LocalDate.of(2026, 12, 20)));
    }

    @Test
    void parse_emptyFile_keepsDefaults() {
        Policy policy = parse("# nothing yet\n");

        assertThat(policy.failOnSeverity()).isEqualTo("HIGH");
        assertThat(policy.exceptions()).isEmpty();
    }

    @Test
    void parse_lowerCaseSeverity_isNormalized() {
        assertThat(parse("failOnSeverity: medium").failOnSeverity()).isEqualTo("MEDIUM");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "exceptons: []|exceptons: unknown key",
            "failOnSeverity: SEVERE|failOnSeverity: 'SEVERE' is not one of",
            "failOnSeverity: UNDEFINED|failOnSeverity: 'UNDEFINED' is not one of",
            "minCvss: 11|minCvss: must be a number from 0 to 10",
            "maxCounts: {HIGH: -1}|maxCounts.HIGH: must be a whole number of 0 or more",
            "ignoreWithoutFix: sometimes|ignoreWithoutFix: must be true or false",
            "auditUntil: next week|auditUntil: 'next week' is not a date",
            "version: 2|version: only version 1",
            "maxExceptionDays: 0|maxExceptionDays: must be a whole number from 1 to 90",
            "exceptions: {id: CVE-1}|exceptions: must be a list",
            "'exceptions: [{id: CVE-1, expires: 2026-12-01}]'|exceptions[0] (CVE-1): 'reason' is required",
            "'exceptions: [{id: CVE-1, reason: ok}]'|exceptions[0] (CVE-1): 'expires' is required",
            "'exceptions: [{reason: ok, expires: 2026-12-01}]'|exceptions[0]: 'id' is required",
            "'exceptions: [{id: CVE-1, reason: ok, expires: 2027-02-26}]'|exceptions[0] (CVE-1).expires: 2027-02-26 is more than 90 days ahead",
            "'exceptions: [{id: CVE-1, reason: ok, expires: 2026-12-01, until: x}]'|exceptions[0].until: unknown key",
            "'failOnSeverity: [HIGH'|not valid YAML",
            "- just a list|the top level must be a mapping"
    })
    void parse_invalidPolicy_namesTheProblem(String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("Invalid policy file .shipgate/policy.yaml: ")
                .hasMessageContaining(expected);
    }

    /** The stack's floor (FailOnSeverity HIGH, UnscoredSeverity HIGH, 90 days) cannot be loosened by the repository. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "failOnSeverity: CRITICAL|failOnSeverity: CRITICAL is milder than the stack's FailOnSeverity HIGH",
            "unscoredSeverity: MEDIUM|unscoredSeverity: MEDIUM is milder than the stack's UnscoredSeverity HIGH",
            "maxCounts: {HIGH: 5}|maxCounts.HIGH: HIGH is at or above the stack's FailOnSeverity HIGH",
            "maxCounts: {critical: 1}|maxCounts.critical: CRITICAL is at or above the stack's FailOnSeverity HIGH",
            "maxCounts: {UNDEFINED: 50}|maxCounts.UNDEFINED: not one of",
            "maxCounts: {MEDIUM: 1, medium: 50}|maxCounts.medium: MEDIUM is given twice",
            "allowUnsupportedImage: true|allowUnsupportedImage: true needs the stack's AllowUnsupportedImage=true",
            "maxCounts: {UNTRIAGED: 0}|maxCounts.UNTRIAGED: not one of",
            "auditUntil: 2027-02-26|auditUntil: 2027-02-26 is more than 90 days ahead",
            "auditUntil: 2099-12-31|auditUntil: 2099-12-31 is more than 90 days ahead",
            "maxExceptionDays: 365|maxExceptionDays: must be a whole number from 1 to 90",
            "'maxExceptionDays: 30\\nauditUntil: 2027-01-01'|auditUntil: 2027-01-01 is more than 30 days ahead"
    })
    void parse_policyLooseningTheStackFloor_isRejectedNamingTheKey(String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void parse_policyTighteningTheFloor_isAccepted() {
        Policy policy = parse("failOnSeverity: LOW\nunscoredSeverity: CRITICAL\nmaxCounts: {MEDIUM: 3, LOW: 10}\nauditUntil: "
                + TODAY.plusDays(90) + "\nmaxExceptionDays: 90");

        assertThat(policy.failOnSeverity()).isEqualTo("LOW");
        assertThat(policy.unscoredSeverity()).isEqualTo("CRITICAL");
        assertThat(policy.floor()).isEqualTo(Floor.of("HIGH"));
        assertThat(policy.auditUntil()).isEqualTo(TODAY.plusDays(90));
    }

    @Test
    void parse_unsupportedImagesWhereTheStackAllowsThem_mayBeAllowedOrRefused() {
        Policy stack = Policy.defaults(new Floor("HIGH", "HIGH", true));

        assertThat(stack.allowUnsupportedImage()).isTrue();
        assertThat(PolicyFile.parse("allowUnsupportedImage: true".getBytes(StandardCharsets.UTF_8), "p", stack, TODAY)
                .allowUnsupportedImage()).isTrue();
        assertThat(PolicyFile.parse("allowUnsupportedImage: false".getBytes(StandardCharsets.UTF_8), "p", stack, TODAY)
                .allowUnsupportedImage()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'failOnSeverity: CRITICAL\\nmaxCounts: {MEDIUM: 1}\\nfailOnSeverity: CRITICAL'|Duplicate field 'failOnSeverity'",
            "'failOnSeverity: HIGH\\nfailOnSeverity: LOW'|Duplicate field 'failOnSeverity'",
            "'maxCounts: {MEDIUM: 1, MEDIUM: 50}'|Duplicate field 'MEDIUM'",
            "'exceptions: [{id: CVE-1, reason: ok, expires: 2026-12-01, expires: 2027-01-01}]'|Duplicate field 'expires'",
            "'failOnSeverity: HIGH\\n---\\nfailOnSeverity: LOW'|more than one YAML document"
    })
    void parse_repeatedKeyOrSecondDocument_isRejected(String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void parse_exceptionExactly90DaysAhead_isAccepted() {
        Policy policy = parse("exceptions: [{id: CVE-1, reason: ok, expires: " + TODAY.plusDays(90) + "}]");

        assertThat(policy.exceptions()).hasSize(1);
    }

    @Test
    void parse_maxExceptionDays_changesTheLimit() {
        assertThatThrownBy(() -> parse("maxExceptionDays: 30\nexceptions: [{id: CVE-1, reason: ok, expires: " + TODAY.plusDays(31) + "}]"))
                .hasMessageContaining("more than 30 days ahead");
    }

    static Stream<String> yamlDocuments() {
        return Stream.of(Events.read("scan-gate", "policy-example.yaml"), "", "# only a comment\n", "~", "- a\n- 1.5",
                "a: &x 1\nb: *x", "bin: !!binary aGVsbG8=", "failOnSeverity: HIGH\n---\nfailOnSeverity: LOW",
                "maxCounts: {HIGH: 99999999999, LOW: 123456789012345678901234567890}");
    }

    /** PolicyFile reads YAML through JsonTree on a YAML parser, without a mapper; the tree must be YAMLMapper's. */
    @ParameterizedTest
    @MethodSource("yamlDocuments")
    void yamlTree_anyDocument_sameTreeAsYamlMapper(String yaml) throws Exception {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);

        try (JsonParser parser = new YAMLFactory().createParser(bytes)) {
            assertThat(JsonTree.read(parser)).isEqualTo(new YAMLMapper().readTree(bytes));
        }
    }
}
