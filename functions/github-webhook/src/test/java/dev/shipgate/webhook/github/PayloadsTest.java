package dev.shipgate.webhook.github;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadsTest {

    private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String TAG_OBJECT = "b1f0c5e2d4a3968778695a4b3c2d1e0f9a8b7c6d";

    static String push(String ref, String after, String headCommit) {
        return """
                {"ref":"%s","before":"e3a7c7f1a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6","after":"%s","deleted":false,"created":false,
                 "compare":"https://github.com/o/r/compare/a...b",
                 "commits":[{"id":"x","message":"nested message must not leak into head_commit","author":{"name":"Other"}}],
                 "head_commit":%s,
                 "repository":{"full_name":"o/r","owner":{"name":"o"}},"pusher":{"name":"p"}}""".formatted(ref, after, headCommit);
    }

    static String headCommit(String id, String message) {
        return "{\"id\":\"%s\",\"message\":\"%s\",\"author\":{\"name\":\"Mona Lisa\",\"email\":\"m@example.com\",\"username\":\"monalisa\"}}"
                .formatted(id, message);
    }

    @Test
    void push_branchUpdate_readsTheFieldsTheWebhookNeeds() throws Exception {
        PushEvent push = Payloads.push(bytes(push("refs/heads/main", SHA, headCommit(SHA, "Fix it\\n\\nbody"))));

        assertThat(push.ref()).isEqualTo("refs/heads/main");
        assertThat(push.isBranch()).isTrue();
        assertThat(push.refName()).isEqualTo("main");
        assertThat(push.headCommitId()).isEqualTo(SHA);
        assertThat(push.headCommitMessage()).isEqualTo("Fix it\n\nbody");
        assertThat(push.authorName()).isEqualTo("Mona Lisa");
        assertThat(push.authorUsername()).isEqualTo("monalisa");
        assertThat(push.repository()).isEqualTo("o/r");
        assertThat(push.compareUrl()).isEqualTo("https://github.com/o/r/compare/a...b");
        assertThat(push.isDeletion()).isFalse();
    }

    @Test
    void push_annotatedTag_headCommitIsTheTaggedCommitNotAfter() throws Exception {
        PushEvent push = Payloads.push(bytes(push("refs/tags/v1.4.0", TAG_OBJECT, headCommit(SHA, "Release"))));

        assertThat(push.isTag()).isTrue();
        assertThat(push.refName()).isEqualTo("v1.4.0");
        assertThat(push.after()).isEqualTo(TAG_OBJECT);
        assertThat(push.headCommitId()).isEqualTo(SHA);
    }

    @Test
    void push_deletion_hasNoHeadCommit() throws Exception {
        String json = push("refs/heads/old", "0".repeat(40), "null").replace("\"deleted\":false", "\"deleted\":true");
        PushEvent push = Payloads.push(bytes(json));

        assertThat(push.isDeletion()).isTrue();
        assertThat(push.deleted()).isTrue();
        assertThat(push.headCommitId()).isNull();
    }

    @Test
    void push_afterAllZerosWithoutDeletedFlag_isStillADeletion() throws Exception {
        assertThat(Payloads.push(bytes(push("refs/heads/old", "0".repeat(40), "null"))).isDeletion()).isTrue();
    }

    @Test
    void push_manyCommits_readsHeadCommitOnly() throws Exception {
        StringBuilder commits = new StringBuilder();
        for (int i = 0; i < 2048; i++) {
            commits.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"message\":\"m").append(i)
                    .append("\",\"added\":[\"a\",\"b\"],\"author\":{\"name\":\"n\"}}");
        }
        String json = push("refs/heads/main", SHA, headCommit(SHA, "Head"))
                .replace("{\"id\":\"x\",\"message\":\"nested message must not leak into head_commit\",\"author\":{\"name\":\"Other\"}}", commits);

        PushEvent push = Payloads.push(bytes(json));

        assertThat(json.length()).isGreaterThan(100_000);
        assertThat(push.headCommitMessage()).isEqualTo("Head");
    }

    @Test
    void push_invalidJson_saysWhereWithoutQuotingThePayload() {
        assertThatThrownBy(() -> Payloads.push(bytes("{\"ref\":\"refs/heads/main\", \"secretish\": tru")))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("secretish");
    }

    @Test
    void push_branchWhoseAfterIsNotItsHeadCommit_isInvalidAndNamesBothFields() {
        String other = "e3a7c7f1a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";

        assertThatThrownBy(() -> Payloads.push(bytes(push("refs/heads/main", SHA, headCommit(other, "m")))))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("\"after\"").hasMessageContaining("\"head_commit.id\"");
    }

    @Test
    void push_duplicateKey_isInvalidWithoutNamingIt() {
        String doubled = push("refs/heads/main", SHA, headCommit(SHA, "m")).replaceFirst("\\{", "{\"secretish\":1,\"secretish\":2,");

        assertThatThrownBy(() -> Payloads.push(bytes(doubled)))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("duplicate key").hasMessageContaining("line 1")
                .hasMessageNotContaining("secretish");
    }

    @Test
    void push_badToken_isInvalidWithoutQuotingIt() {
        assertThatThrownBy(() -> Payloads.push(bytes("{\"ref\": secretish_token}")))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("column")
                .hasMessageNotContaining("secretish");
    }

    @Test
    void push_trailingGarbage_isInvalid() {
        assertThatThrownBy(() -> Payloads.push(bytes(push("refs/heads/main", SHA, headCommit(SHA, "m")) + "{}")))
                .isInstanceOf(InvalidPayloadException.class);
    }

    @Test
    void push_notAnObject_isInvalid() {
        assertThatThrownBy(() -> Payloads.push(bytes("[1,2]"))).isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Payloads.push(new byte[0])).isInstanceOf(InvalidPayloadException.class);
    }

    @Test
    void push_missingOrBadShas_areInvalid() {
        assertThatThrownBy(() -> Payloads.push(bytes("{\"after\":\"" + SHA + "\"}")))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("\"ref\"");
        assertThatThrownBy(() -> Payloads.push(bytes(push("refs/heads/main", "HEAD", "null"))))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("\"after\"");
        assertThatThrownBy(() -> Payloads.push(bytes(push("refs/heads/main", SHA, headCommit("abc", "m")))))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("head_commit.id");
    }

    @Test
    void ping_readsHookSetup() throws Exception {
        PingEvent ping = Payloads.ping(bytes("""
                {"zen":"Keep it logically awesome.","hook_id":42,
                 "hook":{"type":"Repository","id":42,"events":["push","pull_request"],"config":{"content_type":"form","secret":"********"}},
                 "repository":{"full_name":"o/r"}}"""));

        assertThat(ping.hookId()).isEqualTo("42");
        assertThat(ping.hookType()).isEqualTo("Repository");
        assertThat(ping.events()).containsExactly("push", "pull_request");
        assertThat(ping.contentType()).isEqualTo("form");
        assertThat(ping.repository()).isEqualTo("o/r");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
