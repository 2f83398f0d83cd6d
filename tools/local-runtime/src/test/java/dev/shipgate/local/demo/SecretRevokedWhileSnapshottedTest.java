package dev.shipgate.local.demo;

import dev.shipgate.local.Workspace;
import dev.shipgate.local.api.HttpApiEvents;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freshness on the production path: the webhook secret is rotated (the old one revoked) while the webhook's snapshot
 * waits between checkpoint and restore. After the restore the old secret must no longer verify, the new one must.
 */
class SecretRevokedWhileSnapshottedTest {

    private static final String NEW_SECRET = "rotated-while-the-snapshot-waited";

    @Test
    void webhookSecretRotatedBetweenCheckpointAndRestore_oldRefused_newAccepted() {
        try (ShipgateWorld world = new ShipgateWorld(Workspace.root(), Workspace.params(Workspace.root()),
                Workspace.workDir(Workspace.root()), true, line -> { })) {
            LocalFunction webhook = world.function(ShipgateWorld.WEBHOOK);
            webhook.checkpoint();
            String secretArn = webhook.spec().environment().get("WEBHOOK_SECRET_ARN");
            world.aws().secrets().putSecretValue(b -> b.secretId(secretArn.substring(secretArn.indexOf(":secret:") + 8))
                    .secretString(NEW_SECRET));
            webhook.restore();

            HttpApiEvents.Answer revoked = push(world, "1111111111111111111111111111111111111111", LocalAws.WEBHOOK_SECRET);
            HttpApiEvents.Answer current = push(world, "2222222222222222222222222222222222222222", NEW_SECRET);

            assertThat(revoked.status()).as(revoked.bodyText()).isEqualTo(401);
            assertThat(current.status()).as(current.bodyText()).isEqualTo(202);
            assertThat(world.aws().codePipeline().accepted("StartPipelineExecution")).singleElement()
                    .satisfies(start -> assertThat(start.at("/sourceRevisions/0/revisionValue").asText())
                            .isEqualTo("2222222222222222222222222222222222222222"));
        }
    }

    private static HttpApiEvents.Answer push(ShipgateWorld world, String sha, String secret) {
        InvokeResult result = world.invoke(ShipgateWorld.WEBHOOK,
                world.webhookEvent(UUID.randomUUID().toString(), world.pushBody(Workspace.root(), sha, "rotation"), secret));
        return HttpApiEvents.answer(result.payload(), result.error());
    }
}
