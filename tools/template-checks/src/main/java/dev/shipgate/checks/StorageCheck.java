package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Data at rest is encrypted (bucket, topics, queues, repositories, tables), the artifact bucket is
 * private, TLS-only and expires what it holds, the image repository scans on push and keeps tags
 * immutable, and no per-project stack changes account-wide registry settings.
 */
public final class StorageCheck {

    private static final Set<String> REGISTRY_WIDE = Set.of(
            "AWS::ECR::RegistryScanningConfiguration", "AWS::ECR::ReplicationConfiguration",
            "AWS::ECR::RegistryPolicy", "AWS::ECR::PullThroughCacheRule", "AWS::ECR::RepositoryCreationTemplate");
    private static final Set<String> ECR_ENCRYPTION = Set.of("KMS", "AES256", "KMS_DSSE");

    private StorageCheck() {
    }

    public static List<Violation> check(JsonNode template) {
        List<Violation> v = new ArrayList<>();
        Cfn.resourcesOfType(template, "AWS::S3::Bucket").forEach((id, r) -> bucket(template, id, Cfn.properties(r), v));
        Cfn.resourcesOfType(template, "AWS::SNS::Topic").forEach((id, r) -> {
            if (Cfn.properties(r).path("KmsMasterKeyId").isMissingNode()) {
                v.add(new Violation(id, "topic is not encrypted (no KmsMasterKeyId)"));
            }
        });
        Cfn.resourcesOfType(template, "AWS::SQS::Queue").forEach((id, r) -> {
            JsonNode p = Cfn.properties(r);
            if (p.path("KmsMasterKeyId").isMissingNode() && !p.path("SqsManagedSseEnabled").asBoolean(false)) {
                v.add(new Violation(id, "queue is not encrypted (neither KmsMasterKeyId nor SqsManagedSseEnabled: true)"));
            }
        });
        Cfn.resourcesOfType(template, "AWS::DynamoDB::Table").forEach((id, r) -> {
            if (!Cfn.properties(r).path("SSESpecification").path("SSEEnabled").asBoolean(false)) {
                v.add(new Violation(id, "table is not KMS-encrypted (SSESpecification.SSEEnabled is not true)"));
            }
        });
        Cfn.resourcesOfType(template, "AWS::ECR::Repository").forEach((id, r) -> {
            JsonNode p = Cfn.properties(r);
            if (!ECR_ENCRYPTION.contains(p.path("EncryptionConfiguration").path("EncryptionType").asText())) {
                v.add(new Violation(id, "repository has no EncryptionConfiguration.EncryptionType (KMS or AES256)"));
            }
            if (!p.path("ImageScanningConfiguration").path("ScanOnPush").asBoolean(false)) {
                v.add(new Violation(id, "scan on push is off (ImageScanningConfiguration.ScanOnPush is not true)"));
            }
            if (!"IMMUTABLE".equals(p.path("ImageTagMutability").asText())) {
                v.add(new Violation(id, "image tags are mutable (ImageTagMutability is not IMMUTABLE)"));
            }
            if (p.path("LifecyclePolicy").path("LifecyclePolicyText").isMissingNode()) {
                v.add(new Violation(id, "repository has no lifecycle policy"));
            }
        });
        Cfn.resources(template).forEach((id, r) -> {
            if (REGISTRY_WIDE.contains(r.path("Type").asText())) {
                v.add(new Violation(id, r.path("Type").asText() + " changes account-wide registry settings"));
            }
        });
        return v;
    }

    private static void bucket(JsonNode template, String id, JsonNode p, List<Violation> v) {
        JsonNode rules = p.path("BucketEncryption").path("ServerSideEncryptionConfiguration");
        boolean encrypted = false;
        for (JsonNode rule : Cfn.alternatives(rules)) {
            encrypted |= rule.path("ServerSideEncryptionByDefault").path("SSEAlgorithm").isTextual();
        }
        if (!encrypted) {
            v.add(new Violation(id, "bucket has no default encryption (BucketEncryption.ServerSideEncryptionByDefault)"));
        }
        JsonNode block = p.path("PublicAccessBlockConfiguration");
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            if (!block.path(flag).asBoolean(false)) {
                v.add(new Violation(id, "public access block " + flag + " is not true"));
            }
        }
        boolean expires = false;
        for (JsonNode rule : Cfn.alternatives(p.path("LifecycleConfiguration").path("Rules"))) {
            expires |= "Enabled".equals(rule.path("Status").asText())
                    && (rule.has("ExpirationInDays") || rule.has("ExpirationDate"));
        }
        if (!expires) {
            v.add(new Violation(id, "bucket has no enabled lifecycle rule that expires objects"));
        }
        if (!tlsOnly(template, id)) {
            v.add(new Violation(id, "no bucket policy denies requests without TLS (aws:SecureTransport false)"));
        }
    }

    private static boolean tlsOnly(JsonNode template, String bucketId) {
        for (JsonNode policy : Cfn.resourcesOfType(template, "AWS::S3::BucketPolicy").values()) {
            JsonNode p = Cfn.properties(policy);
            if (!Cfn.target(p.path("Bucket")).map(bucketId::equals).orElse(false)) {
                continue;
            }
            for (JsonNode s : Cfn.alternatives(p.path("PolicyDocument").path("Statement"))) {
                if ("Deny".equals(s.path("Effect").asText())
                        && "false".equals(s.path("Condition").path("Bool").path("aws:SecureTransport").asText())) {
                    return true;
                }
            }
        }
        return false;
    }
}
