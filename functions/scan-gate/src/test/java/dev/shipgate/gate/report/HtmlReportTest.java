package dev.shipgate.gate.report;

import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.verdict.Subject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private final String html = new String(HtmlReport.render(ReportFixtures.report()), StandardCharsets.UTF_8);

    @Test
    void render_scannerTextWithMarkup_isEscapedNeverMarkup() {
        assertThat(html).doesNotContain("<script>document").doesNotContain("<img").doesNotContain("<b>bold")
                .doesNotContain("javascript:").doesNotContain("onerror=\"");
        assertThat(html).contains("CVE-2099-0001&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;id&#39;)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;")
                .contains("1.0&lt;/td&gt;&lt;td&gt;&lt;b&gt;bold&lt;/b&gt;")
                .contains("&lt;/script&gt;&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;reason&#39;)");
        assertThat(count(html, "<script>")).isEqualTo(1);
    }

    @Test
    void render_showsEveryFindingThePolicyWithTheFloorAndEachException() {
        assertThat(html).contains("<a rel=\"noopener noreferrer\" href=\"https://nvd.nist.gov/vuln/detail/CVE-2024-5535\">CVE-2024-5535</a>")
                .contains("CVE-2023-0002").contains("CVE-2022-0003").contains("CVE-2025-0004").contains("CVE-2021-0005")
                .contains("Findings (6, 3 blocking)");
        assertThat(count(html, "<tr class=\"BLOCKING\"")).isEqualTo(3);
        assertThat(html).contains("<tr class=\"EXCEPTED\"").contains("<tr class=\"BELOW_THRESHOLD\"");
        assertThat(html).contains("<dt>Stack owner&#39;s floor</dt><dd>FailOnSeverity HIGH, UnscoredSeverity HIGH")
                .contains("<dt>From</dt><dd>.shipgate/policy.yaml (artifact SourceOutput)</dd>")
                .contains("<dt>failOnSeverity</dt><dd>HIGH</dd>");
        assertThat(html).contains("<td>Applied; expires within 7 days</td><td>CVE-2023-0002</td><td>zlib</td>")
                .contains("<td>Expired (no longer applied)</td><td>CVE-2020-0001</td>")
                .contains("<td>Unused (matched nothing; remove it)</td><td>CVE-2021-0009</td>");
        assertThat(html).contains("<dt>Image digest</dt><dd>" + ReportFixtures.DIGEST + "</dd>")
                .contains("<dt>Scan source</dt><dd>ECR enhanced scan</dd>")
                .contains("<dt>Execution</dt><dd>3f6c1a2e-8b4d-4e0f-9a7c-5d2b1e9f0a11</dd>");
        assertThat(html).contains("UNTRIAGED with CVSS 9.8: judged CRITICAL by the CVSS v3 bands");
    }

    @Test
    void render_blockingFindingsComeFirst_worstFirst() {
        int critical = html.indexOf("CVE-2024-5535</a>");
        assertThat(critical).isLessThan(html.indexOf("CVE-2023-0002</a>")).isLessThan(html.indexOf("CVE-2022-0003"));
        assertThat(html.indexOf("data-index=\"0\"")).isLessThan(critical);
        assertThat(html.substring(html.indexOf("data-index=\"0\""), html.indexOf("data-index=\"1\""))).contains("CVE-2025-0004");
    }

    @Test
    void render_fetchesNothing_andItsOwnStyleAndScriptAreAllowedByHash() throws Exception {
        assertThat(html).doesNotContain(" src=\"").doesNotContain("<link").doesNotContain("<iframe").doesNotContain("@import").doesNotContain("url(");
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(html);
        assertThat(csp.find()).isTrue();
        assertThat(csp.group(1)).startsWith("default-src 'none'; ")
                .contains("style-src '" + sha256(between(html, "<style>", "</style>")) + "'")
                .contains("script-src '" + sha256(between(html, "<script>", "</script>")) + "'");
    }

    @Test
    void render_noPipelineOrJob_stillRendersWithAKeyUnderThePrefix() {
        FindingsReport bare = new FindingsReport(new Subject(null, "../..", "job/1", "app", ReportFixtures.DIGEST, null),
                ReportFixtures.report().verdict(), "FAIL", ReportFixtures.policy(), ReportFixtures.report().parts(),
                ReportFixtures.report().generatedAt());

        assertThat(bare.key()).isEqualTo("shipgate-reports/_/_/_");
        assertThat(new String(HtmlReport.render(bare), StandardCharsets.UTF_8)).contains("<dt>Job</dt><dd>job/1</dd>");
    }

    @Test
    void render_imageIndex_showsEachPlatformItsDigestAndItsFindings() {
        FindingsReport single = ReportFixtures.report();
        FindingsReport.Part amd64 = new FindingsReport.Part("linux/amd64", "sha256:" + "1".repeat(64), ScanSource.ECR_BASIC,
                single.parts().getFirst().evaluation());
        FindingsReport.Part arm64 = new FindingsReport.Part("linux/arm64", "sha256:" + "2".repeat(64), ScanSource.ECR_BASIC,
                single.parts().getFirst().evaluation());
        FindingsReport index = new FindingsReport(single.subject(), single.verdict(), single.headline(), single.policy(),
                List.of(amd64, arm64), single.generatedAt());

        String page = new String(HtmlReport.render(index), StandardCharsets.UTF_8);

        assertThat(page).contains("<dt>Image index digest</dt>")
                .contains("<dt>Platform linux/amd64</dt><dd>sha256:" + "1".repeat(64) + " · ECR basic scan · FAIL</dd>")
                .contains("<dt>Platform linux/arm64</dt>").contains("<th>Platform</th>").contains("Findings (12, 6 blocking)");
        assertThat(count(page.substring(page.indexOf("id=\"findings\"")), "<td>linux/arm64</td>")).isEqualTo(6);
        assertThat(count(page, "<tr class=\"EXCEPTED\"")).isEqualTo(2);
        assertThat(count(page, "<td>Applied; expires within 7 days</td><td>CVE-2023-0002</td><td>zlib</td><td>2026-12-08</td>")).isEqualTo(1);
        assertThat(page).contains("Expires</th><th>Reason</th><th>Findings covered</th>");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
