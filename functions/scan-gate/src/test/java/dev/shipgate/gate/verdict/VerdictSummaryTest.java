package dev.shipgate.gate.verdict;

import dev.shipgate.shared.json.JsonTree;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The expected bytes are what Jackson's ObjectMapper wrote for the same summaries, so the notifier's contract holds. */
class VerdictSummaryTest {

    @Test
    void toJson_failWithPartlyKnownFindings_writesTheContractBytes() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("CRITICAL", 1);
        counts.put("HIGH", 0);
        counts.put("UNTRIAGED", 7);
        List<VerdictSummary.Blocking> blocking = List.of(
                new VerdictSummary.Blocking("CVE-2024-5535", "CRITICAL", "openssl", "3.0.11", "3.0.14", 9.1,
                        "https://nvd.nist.gov/vuln/detail/CVE-2024-5535", null, null),
                new VerdictSummary.Blocking("CVE-2\"x\u00e9\n</s>", "HIGH", null, null, null, null, null, null, null),
                new VerdictSummary.Blocking("CVE-3", "UNTRIAGED", "p", "1", null, 10.0, "u", "CRITICAL",
                        "UNTRIAGED with CVSS 10.0: judged CRITICAL by the CVSS v3 bands"));
        VerdictSummary fail = new VerdictSummary(VerdictSummary.TYPE, 1, "app-pipeline", "exec-1", "job-1", "app",
                "sha256:" + "b".repeat(64), null, "ECR_ENHANCED", "FAIL", "FAIL: line1\nline2 \u26d4", counts, 3, blocking,
                List.of("CVE-2020-1"), List.of("CVE-2020-2", "CVE-2020-3"), List.of(), null, null);

        String json = JsonTree.write(fail.toJson());

        assertThat(json).isEqualTo("{\"type\":\"shipgate.scan-gate.verdict\",\"version\":1,\"pipelineName\":\"app-pipeline\","
                + "\"pipelineExecutionId\":\"exec-1\",\"jobId\":\"job-1\",\"repository\":\"app\",\"imageDigest\":\"sha256:" + "b".repeat(64)
                + "\",\"scanSource\":\"ECR_ENHANCED\",\"verdict\":\"FAIL\",\"summary\":\"FAIL: line1\\nline2 \u26d4\","
                + "\"counts\":{\"CRITICAL\":1,\"HIGH\":0,\"UNTRIAGED\":7},\"blockingCount\":3,\"blocking\":["
                + "{\"id\":\"CVE-2024-5535\",\"severity\":\"CRITICAL\",\"package\":\"openssl\",\"version\":\"3.0.11\",\"fixedIn\":\"3.0.14\","
                + "\"cvss\":9.1,\"uri\":\"https://nvd.nist.gov/vuln/detail/CVE-2024-5535\"},"
                + "{\"id\":\"CVE-2\\\"x\u00e9\\n</s>\",\"severity\":\"HIGH\"},"
                + "{\"id\":\"CVE-3\",\"severity\":\"UNTRIAGED\",\"package\":\"p\",\"version\":\"1\",\"cvss\":10.0,\"uri\":\"u\","
                + "\"judgedSeverity\":\"CRITICAL\",\"judgedBecause\":\"UNTRIAGED with CVSS 10.0: judged CRITICAL by the CVSS v3 bands\"}],"
                + "\"expiredExceptions\":[\"CVE-2020-1\"],\"unusedExceptions\":[\"CVE-2020-2\",\"CVE-2020-3\"],\"expiringSoon\":[]}");
    }

    @Test
    void toJson_errorWithoutSource_leavesNullMembersOut() {
        VerdictSummary error = new VerdictSummary(VerdictSummary.TYPE, 1, null, null, "job-2", "app", null, "v1.2", null,
                "ERROR", "scan failed", Map.of(), 0, List.of(), List.of(), List.of(), List.of(), null, null);

        String json = JsonTree.write(error.toJson());

        assertThat(json).isEqualTo("{\"type\":\"shipgate.scan-gate.verdict\",\"version\":1,\"jobId\":\"job-2\",\"repository\":\"app\","
                + "\"imageTag\":\"v1.2\",\"verdict\":\"ERROR\",\"summary\":\"scan failed\",\"counts\":{},\"blockingCount\":0,"
                + "\"blocking\":[],\"expiredExceptions\":[],\"unusedExceptions\":[],\"expiringSoon\":[]}");
    }

    @Test
    void toJson_withReport_linksTheReportAndTheSarifLast() {
        VerdictSummary error = new VerdictSummary(VerdictSummary.TYPE, 1, null, null, "job-3", "app", null, "v1", null,
                "PASS", "ok", Map.of(), 0, List.of(), List.of(), List.of(), List.of(), null, null)
                .withReport("https://eu-west-1.console.aws.amazon.com/s3/object/b?region=eu-west-1&prefix=r.html",
                        "https://eu-west-1.console.aws.amazon.com/s3/object/b?region=eu-west-1&prefix=r.sarif.json");

        String json = JsonTree.write(error.toJson());

        assertThat(json).endsWith("\"expiringSoon\":[],"
                + "\"reportUrl\":\"https://eu-west-1.console.aws.amazon.com/s3/object/b?region=eu-west-1&prefix=r.html\","
                + "\"sarifUrl\":\"https://eu-west-1.console.aws.amazon.com/s3/object/b?region=eu-west-1&prefix=r.sarif.json\"}");
    }
}
