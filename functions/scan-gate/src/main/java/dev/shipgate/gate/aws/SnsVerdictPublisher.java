package dev.shipgate.gate.aws;

import dev.shipgate.gate.VerdictPublisher;
import dev.shipgate.gate.verdict.VerdictSummary;
import dev.shipgate.shared.json.JsonTree;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.Map;

/** Publishes the verdict JSON to the notify topic, with its type and verdict as message attributes for filtering. */
public final class SnsVerdictPublisher implements VerdictPublisher {

    private final SnsClient sns;
    private final String topicArn;

    public SnsVerdictPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(VerdictSummary verdict) {
        String message = JsonTree.write(verdict.toJson());
        sns.publish(b -> b.topicArn(topicArn)
                .message(message)
                .messageAttributes(Map.of(
                        "type", attribute(VerdictSummary.TYPE),
                        "verdict", attribute(verdict.verdict()))));
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
