package dev.shipgate.webhook.delivery;

import dev.shipgate.webhook.github.PushEvent;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PipelineStartTest {

    private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String DELIVERY = "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c01";
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9@\\-_]+");

    private static PushEvent push(String ref, String after, String message, String author, String username, String compare) {
        return new PushEvent(ref, after, false, SHA, message, author, username, "o/r", compare);
    }

    @Test
    void forPush_branch_carriesCommitRefBranchMessageAuthorDeliveryAndCompare() {
        PipelineStart start = PipelineStart.forPush("shop-pipeline", "Source",
                push("refs/heads/main", SHA, "  Fix login  \n\nLonger body", "Mona Lisa", "monalisa", "https://github.com/o/r/compare/a...b"),
                DELIVERY);

        assertThat(start.pipelineName()).isEqualTo("shop-pipeline");
        assertThat(start.sourceActionName()).isEqualTo("Source");
        assertThat(start.commitId()).isEqualTo(SHA);
        assertThat(start.clientRequestToken()).isEqualTo(DELIVERY);
        assertThat(start.variables()).containsExactly(
                entry("COMMIT_SHA", SHA),
                entry("GIT_REF", "refs/heads/main"),
                entry("BRANCH", "main"),
                entry("COMMIT_MESSAGE", "Fix login"),
                entry("COMMIT_AUTHOR", "Mona Lisa"),
                entry("DELIVERY_ID", DELIVERY),
                entry("COMPARE_URL", "https://github.com/o/r/compare/a...b"));
        assertThat(start.variables().keySet()).allMatch(name -> VARIABLE_NAME.matcher(name).matches());
    }

    @Test
    void forPush_annotatedTag_usesHeadCommitAndTagVariable() {
        PipelineStart start = PipelineStart.forPush("p", "Source",
                push("refs/tags/v1.4.0", "b1f0c5e2d4a3968778695a4b3c2d1e0f9a8b7c6d", "Release", "Mona", null, null), DELIVERY);

        assertThat(start.commitId()).isEqualTo(SHA);
        assertThat(start.variables()).containsEntry("TAG", "v1.4.0").doesNotContainKey("BRANCH");
    }

    @Test
    void forPush_emptyValues_areLeftOut() {
        PipelineStart start = PipelineStart.forPush("p", "Source", push("refs/heads/main", SHA, "  \nbody only below", null, " ", ""), DELIVERY);

        assertThat(start.variables()).doesNotContainKeys("COMMIT_MESSAGE", "COMMIT_AUTHOR", "COMPARE_URL");
        assertThat(start.variables().values()).allMatch(v -> !v.isEmpty());
    }

    @Test
    void forPush_authorWithoutName_usesUsername() {
        assertThat(PipelineStart.forPush("p", "Source", push("refs/heads/main", SHA, "m", null, "monalisa", null), DELIVERY).variables())
                .containsEntry("COMMIT_AUTHOR", "monalisa");
    }

    @Test
    void forPush_longFirstLine_isTrimmedTo1000CharactersWithoutSplittingASurrogatePair() {
        String emoji = "\uD83D\uDE80"; // one code point, two chars
        String message = "a".repeat(999) + emoji + "b".repeat(50);

        String trimmed = PipelineStart.forPush("p", "Source", push("refs/heads/main", SHA, message, "m", null, null), DELIVERY)
                .variables().get("COMMIT_MESSAGE");

        assertThat(trimmed).hasSize(999).isEqualTo("a".repeat(999));
        String plain = PipelineStart.forPush("p", "Source", push("refs/heads/main", SHA, "c".repeat(1500), "m", null, null), DELIVERY)
                .variables().get("COMMIT_MESSAGE");
        assertThat(plain).hasSize(1000);
    }

    @Test
    void requestToken_guid_isUsedAsIs_otherIdsAreHashedDeterministically() {
        assertThat(PipelineStart.requestToken(DELIVERY)).isEqualTo(DELIVERY);

        String odd = PipelineStart.requestToken("ghes:delivery/42");
        assertThat(odd).matches("^[a-zA-Z0-9-]{1,128}$").isEqualTo(PipelineStart.requestToken("ghes:delivery/42"))
                .isNotEqualTo(PipelineStart.requestToken("ghes:delivery/43"));
        assertThat(PipelineStart.requestToken("x".repeat(129))).matches("^[a-zA-Z0-9-]{1,128}$");
    }
}
