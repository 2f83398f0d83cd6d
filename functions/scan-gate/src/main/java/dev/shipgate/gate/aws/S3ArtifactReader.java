package dev.shipgate.gate.aws;

import dev.shipgate.gate.ArtifactReader;
import dev.shipgate.gate.job.FailureType;
import dev.shipgate.gate.job.GateFailure;
import dev.shipgate.gate.job.JobEvent;
import dev.shipgate.shared.aws.SdkDryRun;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads one file out of a CodePipeline input artifact: a zip in the pipeline's artifact bucket, fetched with the
 * temporary credentials CodePipeline puts in the job (the function's own role has no access to that bucket). One S3
 * client serves every job; each request carries that job's credentials. The zip is streamed and reading stops at
 * the wanted entry.
 */
public final class S3ArtifactReader implements ArtifactReader {

    private final S3Client s3;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public S3ArtifactReader(S3Client s3) {
        this(s3, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming's synthetic jobs answer them ({@link SdkDryRun#answer}) */
    public S3ArtifactReader(S3Client s3, Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.s3 = s3;
        this.requestSettings = requestSettings;
    }

    /**
     * Whether to use path-style addressing: only when an endpoint is set through the SDK's standard
     * {@code AWS_ENDPOINT_URL(_S3)} variables (moto, local runs), which do not serve virtual-hosted buckets.
     */
    public static boolean pathStyle(Map<String, String> environment) {
        return environment.containsKey("AWS_ENDPOINT_URL_S3") || environment.containsKey("AWS_ENDPOINT_URL");
    }

    @Override
    public Optional<byte[]> read(JobEvent.Artifact artifact, JobEvent.ArtifactCredentials credentials, String path, int maxBytes) {
        String name = artifact.name();
        if (artifact.bucket() == null || artifact.key() == null) {
            throw new GateFailure(FailureType.ConfigurationError, "Input artifact " + name + " has no S3 location in the job");
        }
        if (credentials == null || credentials.accessKeyId() == null) {
            throw new GateFailure(FailureType.ConfigurationError, "The job carries no artifactCredentials to read input artifact " + name);
        }
        String where = "s3://" + artifact.bucket() + "/" + artifact.key();
        StaticCredentialsProvider jobCredentials = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(b -> b.bucket(artifact.bucket()).key(artifact.key())
                .overrideConfiguration(o -> requestSettings.accept(o.credentialsProvider(jobCredentials))))) {
            return find(object, path, maxBytes, name);
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new GateFailure(FailureType.ConfigurationError, "Input artifact " + name + " (" + where
                    + ") does not exist; was the producing action's output artifact removed by a lifecycle rule?", e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading input artifact " + name + " (" + where + ")");
        } catch (IOException e) {
            throw new GateFailure(FailureType.ConfigurationError, "Input artifact " + name + " (" + where
                    + ") is not a readable zip: " + e.getMessage(), e);
        }
    }

    static Optional<byte[]> find(InputStream zip, String path, int maxBytes, String artifactName) throws IOException {
        String wanted = normalize(path);
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries++;
                if (!entry.isDirectory() && normalize(entry.getName()).equals(wanted)) {
                    byte[] bytes = in.readNBytes(maxBytes + 1);
                    if (bytes.length > maxBytes) {
                        throw new GateFailure(FailureType.ConfigurationError, path + " in artifact " + artifactName
                                + " is larger than " + maxBytes + " bytes");
                    }
                    return Optional.of(bytes);
                }
            }
        }
        if (entries == 0) {
            throw new IOException("no zip entries found");
        }
        return Optional.empty();
    }

    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.startsWith("./") ? p.substring(2) : p.substring(1);
        }
        return p;
    }
}
