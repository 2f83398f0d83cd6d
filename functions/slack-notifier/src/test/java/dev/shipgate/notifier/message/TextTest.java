package dev.shipgate.notifier.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void escape_specialCharacters_becomeEntities() {
        assertThat(Text.escape("a < b && c > d", 100)).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
    }

    @Test
    void escape_longText_clippedWithEllipsisWithinLimit() {
        String clipped = Text.escape("x".repeat(500), 100);

        assertThat(clipped).hasSize(100).endsWith(Text.ELLIPSIS);
    }

    @Test
    void escape_clipNeverSplitsAnEntity() {
        String clipped = Text.escape("ab" + "&".repeat(100), 10);

        assertThat(clipped).isEqualTo("ab&amp;" + Text.ELLIPSIS);
        assertThat(clipped.length()).isLessThanOrEqualTo(10);
    }

    @Test
    void escape_clipNeverSplitsASurrogatePair() {
        String clipped = Text.escape("ab🚀🚀🚀", 4);

        assertThat(clipped).isEqualTo("ab" + Text.ELLIPSIS);
    }

    @Test
    void clipMarkup_cutInsideLinkOrEntity_dropsThePartialPiece() {
        String markup = "see <https://example.com/very/long/path|the build> now";

        String clipped = Text.clipMarkup(markup, 20);

        assertThat(clipped).isEqualTo("see " + Text.ELLIPSIS);
        assertThat(Text.clipMarkup("a &amp; b &amp; c", 12)).isEqualTo("a &amp; " + Text.ELLIPSIS);
    }

    @Test
    void clipMarkup_cutInsideCodeBlock_closesTheFence() {
        String clipped = Text.clipMarkup("```" + "y".repeat(100) + "```", 50);

        assertThat(clipped).hasSizeLessThanOrEqualTo(50).endsWith(Text.ELLIPSIS + "```");
    }

    @Test
    void link_labelEscapedAndUrlCannotBreakOut() {
        assertThat(Text.link("https://x.test/a|b>c", "<fix> & more")).isEqualTo("<https://x.test/a%7Cb%3Ec|&lt;fix&gt; &amp; more>");
    }

    @Test
    void code_backtickInTheValue_cannotEndTheSpan() {
        assertThat(Text.code("feature/`rm -rf`<x>", 200)).isEqualTo("`feature/'rm -rf'&lt;x&gt;`");
    }

    @Test
    void codeBlock_fenceInTheValue_cannotCloseTheBlock() {
        assertThat(Text.codeBlock("error: ```\n*bold* <!here>", 200)).isEqualTo("```error: '''\n*bold* &lt;!here&gt;```");
        assertThat(Text.codeBlock("ends in ``", 200)).isEqualTo("```ends in ''```");
    }

    @Test
    void firstLine_multiLineMessage_returnsSubject() {
        assertThat(Text.firstLine("\n  Fix bug  \n\nbody")).isEqualTo("Fix bug");
        assertThat(Text.firstLine("   ")).isNull();
    }
}
