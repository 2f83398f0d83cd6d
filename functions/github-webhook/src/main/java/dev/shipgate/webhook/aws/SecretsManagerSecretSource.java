package dev.shipgate.webhook.aws;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.function.Supplier;

/** Reads the webhook secret's current value from Secrets Manager. The value never leaves this path in a message. */
public final class SecretsManagerSecretSource implements Supplier<String> {

    private final SecretsManagerClient client;
    private final String secretArn;

    public SecretsManagerSecretSource(SecretsManagerClient client, String secretArn) {
        this.client = client;
        this.secretArn = secretArn;
    }

    @Override
    public String get() {
        String value = client.getSecretValue(b -> b.secretId(secretArn)).secretString();
        if (value == null) {
            throw new IllegalStateException("secret " + secretArn + " holds binary data; store the webhook secret as a string");
        }
        return value;
    }
}
