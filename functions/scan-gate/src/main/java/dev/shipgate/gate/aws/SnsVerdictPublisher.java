package dev.shipgate.gate.aws;

import dev.shipgate.gate.VerdictPublisher;
import dev.shipgate.gate.verdict.VerdictSummary;
import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.shared.json.JsonTree;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.Map;
import java.util.function.Consumer;

/** Publishes the verdict JSON to the notify topic, with its type and verdict as message attributes for filtering. */
public final class SnsVerdictPublisher implements VerdictPublisher {

    private final SnsClient sns;
    private final String topicArn;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public SnsVerdictPublisher(SnsClient sns, String topicArn) {
        this(sns, topicArn, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming's synthetic jobs answer them ({@link SdkDryRun#answer}) */
    public SnsVerdictPublisher(SnsClient sns, String topicArn, Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.requestSettings = requestSettings;
    }

    @Override
    public void publish(VerdictSummary verdict) {
        String message = JsonTree.write(verdict.toJson());
        sns.publish(b -> b.topicArn(topicArn).overrideConfiguration(requestSettings)
                .message(message)
                .messageAttributes(Map.of(
                        "type", attribute(VerdictSummary.TYPE),
                        "verdict", attribute(verdict.verdict()))));
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
