package dev.shipgate.gate.aws;

import dev.shipgate.gate.ReportStore;
import dev.shipgate.gate.report.ReportLinks;
import dev.shipgate.shared.aws.SdkDryRun;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Writes findings reports to the artifact bucket (SSE-KMS, as the bucket's default encryption says) and links them
 * in the S3 console. Not pre-signed URLs: one signed with the function's role credentials stops working when that
 * role session ends (hours), whatever expiry it names, so a 7-day link cannot be made without a long-lived IAM user
 * key, and anyone holding such a link could read the report. The console link works only for people signed in to
 * the account with s3:GetObject on the report; the console's "Open" shows the page in the browser.
 */
public final class S3ReportStore implements ReportStore {

    private final S3Client s3;
    private final String bucket;
    private final String region;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public S3ReportStore(S3Client s3, String bucket) {
        this(s3, bucket, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming's synthetic jobs answer them ({@link SdkDryRun#answer}) */
    public S3ReportStore(S3Client s3, String bucket, Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.s3 = s3;
        this.bucket = bucket;
        this.region = s3.serviceClientConfiguration().region().id();
        this.requestSettings = requestSettings;
    }

    @Override
    public ReportLinks store(String key, byte[] html, byte[] sarif, Duration timeout) {
        put(key + HTML, "text/html; charset=utf-8", html, timeout);
        put(key + SARIF, "application/sarif+json", sarif, timeout);
        return new ReportLinks(consoleUrl(region, bucket, key + HTML), consoleUrl(region, bucket, key + SARIF));
    }

    private void put(String key, String contentType, byte[] body, Duration timeout) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentDisposition("inline")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .overrideConfiguration(o -> requestSettings.accept(o.apiCallTimeout(timeout))),
                RequestBody.fromBytes(body));
    }

    /** The object's page in the S3 console of the region (standard AWS partition). */
    public static String consoleUrl(String region, String bucket, String key) {
        return "https://" + region + ".console.aws.amazon.com/s3/object/" + bucket + "?region=" + region
                + "&bucketType=general&prefix=" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
