package dev.shipgate.gate.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the findings report in headless Chromium (Debian's {@code chromium}; .ci/run installs it) and reads the DOM
 * after the page's script ran ({@code --dump-dom}): the blocking findings are shown, {@code #sort=…} sorts the table
 * with the page's own script (so its Content-Security-Policy hash lets it run), and no payload in a finding ran.
 */
class ReportInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern ROW = Pattern.compile("<tr class=\"([A-Z_]+)\" data-index=\"(\\d+)\" data-status=\"(\\d+)\""
            + " data-severity=\"(\\d+)\" data-package=\"([^\"]*)\" data-fix=\"(\\d+)\">");

    @TempDir
    static Path dir;
    private static Path page;

    @BeforeAll
    static void writePage() throws IOException {
        assertThat(CHROMIUM).as("headless Chromium is needed: apt-get install -y chromium chromium-driver (.ci/run does)")
                .isExecutable();
        page = dir.resolve("report.html");
        Files.write(page, HtmlReport.render(ReportFixtures.report()));
    }

    @Test
    void page_showsTheBlockingFindingsFirst_andNoPayloadRan() throws Exception {
        String dom = dump("");

        List<String[]> rows = rows(dom);
        assertThat(rows).hasSize(6);
        assertThat(rows.subList(0, 3)).allSatisfy(row -> assertThat(row[0]).isEqualTo("BLOCKING"));
        String blocking = dom.substring(dom.indexOf("<tbody>", dom.indexOf("id=\"findings\"")), dom.indexOf("<tr class=\"EXCEPTED\""));
        assertThat(blocking).contains(">CVE-2024-5535</a>").contains("CVE-2025-0004")
                .contains("CVE-2099-0001&lt;script&gt;document.body.setAttribute('data-pwned','id')&lt;/script&gt;");
        assertThat(dom).contains("<header class=\"FAIL\" id=\"verdict\" data-verdict=\"FAIL\">");
        assertThat(dom).doesNotContain("data-pwned=\"").doesNotContain("<img").doesNotContain("<b>bold")
                .doesNotContain("<title>pwned").doesNotContain("href=\"javascript:");
        assertThat(dom).contains("data-sorted=\"status-asc\"");
    }

    @Test
    void page_sortsByPackageAndBySeverity_withItsOwnScript() throws Exception {
        List<String[]> byPackage = rows(dump("#sort=package-asc"));
        List<String[]> bySeverity = rows(dump("#sort=severity-desc"));
        List<String[]> byFix = rows(dump("#sort=fix-desc"));

        assertThat(byPackage).extracting(row -> row[4]).isSorted().first().isEqualTo("&quot;&gt;&lt;img src=x onerror=&quot;"
                + "document.title='pwned'&quot;&gt; 1.0&lt;/td&gt;&lt;td&gt;&lt;b&gt;bold&lt;/b&gt;");
        assertThat(byPackage.get(1)[4]).isEqualTo("aaa-lib 0.9");
        assertThat(bySeverity).extracting(row -> Integer.parseInt(row[3])).isSortedAccordingTo((a, b) -> b - a);
        assertThat(bySeverity.getFirst()[3]).isEqualTo("5098");
        assertThat(byFix).extracting(row -> Integer.parseInt(row[5])).isSortedAccordingTo((a, b) -> b - a);
    }

    private static String dump(String fragment) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", page.toUri() + fragment)
                .redirectError(dir.resolve("chromium-" + profile.getFileName() + ".log").toFile())
                .start();
        byte[] out = chromium.getInputStream().readAllBytes();
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(chromium.exitValue()).as("chromium exit code; its log: %s",
                Files.readString(dir.resolve("chromium-" + profile.getFileName() + ".log"))).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Each findings row's class, index, status, severity, package and fix keys, in DOM order. */
    private static List<String[]> rows(String dom) {
        List<String[]> rows = new ArrayList<>();
        Matcher row = ROW.matcher(dom);
        while (row.find()) {
            rows.add(new String[] {row.group(1), row.group(2), row.group(3), row.group(4), row.group(5), row.group(6)});
        }
        return rows;
    }
}
