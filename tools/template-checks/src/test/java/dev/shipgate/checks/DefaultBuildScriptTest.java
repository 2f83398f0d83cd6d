package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the stack's default build script with bash, exactly as written in template.yaml, against
 * stand-in `aws` and `docker` commands (shell scripts in a temp dir, named as such) that record
 * their calls; CodeBuild itself cannot run here.
 */
class DefaultBuildScriptTest {

    private static final String REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-abc123";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String CLAIR_DB_DOWNLOAD = "aws s3 cp --only-show-errors s3://artifacts-bucket/clair/matcher.db /tmp/matcher.db";
    private static final String CLAIR_DB_UPDATE =
            "docker run --rm --entrypoint clair-action -v /tmp:/work quay.io/projectquay/clair-action:v0.0.8 update --db-path=/work/matcher.db";
    private static final String CLAIR_DB_UPLOAD = "aws s3 cp --only-show-errors /tmp/matcher.db s3://artifacts-bucket/clair/matcher.db";

    @TempDir
    Path dir;
    Path calls;

    @BeforeEach
    void standIns() throws IOException {
        calls = dir.resolve("calls.log");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("aws"), """
                #!/bin/bash
                echo "aws $*" >> "$CALLS"
                case "$1 $2" in
                  "ecr get-login-password") echo token ;;
                  "ecr describe-images")
                    if [ -f "$STATE/existing-digest" ]; then cat "$STATE/existing-digest"; else
                      echo "An error occurred (ImageNotFoundException)" >&2; exit 254; fi ;;
                  "s3api head-object")
                    if [ -f "$STATE/clair-db-modified" ]; then cat "$STATE/clair-db-modified"; else
                      echo "An error occurred (404) when calling the HeadObject operation: Not Found" >&2; exit 254; fi ;;
                  "s3 cp") case "$*" in *" s3://"*) date -u +%Y-%m-%dT%H:%M:%S+00:00 > "$STATE/clair-db-modified" ;; esac ;;
                  *) echo "unexpected aws call: $*" >&2; exit 2 ;;
                esac
                """);
        executable(bin.resolve("docker"), """
                #!/bin/bash
                echo "docker $*" >> "$CALLS"
                case "$1" in
                  login) cat > "$STATE/login-stdin-$3" ;;
                  buildx)
                    case "$2" in build) printf '{"containerimage.digest":"%%s"}' "$INDEX_DIGEST" > "${@: -3:1}" ;; esac ;;
                  build) [ -z "$FAIL_BUILD" ] || { echo "build failed" >&2; exit 1; } ;;
                  push) ;;
                  inspect) echo "%s@%s" ;;
                  save) touch "${@: -1}" ;;
                  run) case "$*" in *" report "*) echo '{"manifest_hash":"%s","vulnerabilities":{}}' ;; esac ;;
                  *) echo "unexpected docker call: $*" >&2; exit 2 ;;
                esac
                """.formatted(REPO, DIGEST, DIGEST));
    }

    @Test
    void newCommit_isBuiltTaggedWithItsShaPushedAndExportedByDigest() throws Exception {
        Run run = run(Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("IMAGE_DIGEST=" + DIGEST, "IMAGE_URI=" + REPO + "@" + DIGEST, "IMAGE_TAG=" + SHA);
        // the two sides of the login pipe run concurrently, so only their presence is ordered-independent
        assertThat(Files.readAllLines(calls)).contains(
                "aws ecr get-login-password --region us-east-1",
                "docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com");
        assertThat(Files.readAllLines(calls)).containsSubsequence(
                "aws ecr describe-images --repository-name app-abc123 --image-ids imageTag=" + SHA
                        + " --query imageDetails[0].imageDigest --output text",
                "docker build --pull --platform linux/amd64 --label org.opencontainers.image.revision=" + SHA + " -t " + REPO + ":" + SHA + " -f Dockerfile .",
                "docker push " + REPO + ":" + SHA);
        JsonNode image = Templates.read(dir.resolve("work/reports/image.json"));
        assertThat(image.path("imageUri").asText()).isEqualTo(REPO + "@" + DIGEST);
        assertThat(dir.resolve("work/reports/clair.json")).doesNotExist();
    }

    @Test
    void rerunOfAPushedCommit_reusesTheImageInsteadOfPushingAnImmutableTagAgain() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/existing-digest"), DIGEST + "\n");

        Run run = run(Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("already in ECR", "IMAGE_DIGEST=" + DIGEST);
        assertThat(Files.readString(calls)).doesNotContain("docker build", "docker push");
    }

    @Test
    void failingDockerBuild_failsTheBuildWithoutPushingOrReporting() throws Exception {
        Run run = run(Map.of("FAIL_BUILD", "1"));

        assertThat(run.exitCode()).isNotZero();
        assertThat(Files.readString(calls)).doesNotContain("docker push");
        assertThat(dir.resolve("work/reports/image.json")).doesNotExist();
    }

    @Test
    void missingCommitSha_failsNamingIt() throws Exception {
        Run run = run(Map.of("COMMIT_SHA", ""));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("COMMIT_SHA").contains("the pipeline passes the commit SHA");
    }

    @Test
    void clairEnabled_writesTheReportTheGateReads() throws Exception {
        Run run = run(Map.of("CLAIR_REPORT", "Enabled"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readString(calls)).contains("report --image-ref=" + REPO + "@" + DIGEST + " --docker-config-dir=/docker-config --db-path=/work/matcher.db --format=clair");
        assertThat(Templates.read(dir.resolve("work/reports/clair.json")).path("manifest_hash").asText()).isEqualTo(DIGEST);
    }

    @Test
    void clairFirstBuild_buildsTheDatabaseOnceAndKeepsItInTheArtifactBucket() throws Exception {
        Run run = run(Map.of("CLAIR_REPORT", "Enabled"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(calls)).containsSubsequence(
                "aws s3api head-object --bucket artifacts-bucket --key clair/matcher.db --query LastModified --output text",
                CLAIR_DB_UPDATE, CLAIR_DB_UPLOAD);
    }

    @Test
    void clairWithAFreshDatabaseInTheBucket_usesItWithoutRebuilding() throws Exception {
        cachedClairDatabase(3);

        Run run = run(Map.of("CLAIR_REPORT", "Enabled"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Clair database from the artifact bucket, 3 h old (refreshed from 24 h)");
        assertThat(Files.readString(calls)).contains(CLAIR_DB_DOWNLOAD)
                .doesNotContain(" update ").doesNotContain("/tmp/matcher.db s3://").contains(" report ");
    }

    @Test
    void clairWithADatabaseOlderThanTheLimit_refreshesItAndStoresItAgain() throws Exception {
        cachedClairDatabase(30);

        Run run = run(Map.of("CLAIR_REPORT", "Enabled"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(calls)).containsSubsequence(CLAIR_DB_DOWNLOAD, CLAIR_DB_UPDATE, CLAIR_DB_UPLOAD);
    }

    @Test
    void dockerHubCredentials_logInThroughStdinBeforeTheBuildAndNeverAppear() throws Exception {
        Run run = run(Map.of("DOCKERHUB_USERNAME", "shipgate-bot", "DOCKERHUB_TOKEN", "dckr_pat_SECRET123"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(calls)).containsSubsequence(
                "docker login --username shipgate-bot --password-stdin",
                "docker build --pull --platform linux/amd64 --label org.opencontainers.image.revision=" + SHA + " -t " + REPO + ":" + SHA + " -f Dockerfile .");
        assertThat(Files.readString(dir.resolve("state/login-stdin-shipgate-bot"))).isEqualTo("dckr_pat_SECRET123");
        assertThat(Files.readString(calls) + run.output()).doesNotContain("dckr_pat_SECRET123");
    }

    @Test
    void withoutDockerHubCredentials_onlyTheRegistryLogin() throws Exception {
        Run run = run(Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(calls)).filteredOn(l -> l.startsWith("docker login"))
                .containsExactly("docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com");
    }

    @Test
    void bothPlatforms_areBuiltWithBuildxUnderQemuAndTheIndexDigestIsExported() throws Exception {
        String index = "sha256:" + "b".repeat(64);

        Run run = run(Map.of("PLATFORM", "linux/amd64,linux/arm64", "INDEX_DIGEST", index));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(calls)).containsSubsequence(
                "docker run --privileged --rm tonistiigi/binfmt:qemu-v9.2.2 --install arm64",
                "docker buildx create --name shipgate --use");
        assertThat(Files.readString(calls)).contains("docker buildx build --pull --platform linux/amd64,linux/arm64 --provenance=false")
                .doesNotContain("docker push");
        assertThat(run.output()).contains("IMAGE_DIGEST=" + index, "IMAGE_URI=" + REPO + "@" + index);
    }

    /** The artifact bucket holds a Clair database last written this many hours (and a few minutes) ago. */
    private void cachedClairDatabase(int hoursOld) throws IOException {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/clair-db-modified"), java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                .minusHours(hoursOld).minusMinutes(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n");
    }

    private Run run(Map<String, String> overrides) throws Exception {
        JsonNode inline = Cfn.alternatives(Templates.sam().at("/Resources/BuildProject/Properties/Source/BuildSpec")).get(0);
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("state"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        env.put("CALLS", calls.toString());
        env.put("STATE", dir.resolve("state").toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("COMMIT_SHA", SHA);
        env.put("REPOSITORY_URI", REPO);
        env.put("DOCKERFILE_PATH", "Dockerfile");
        env.put("CLAIR_REPORT", "Disabled");
        env.put("CLAIR_ACTION_IMAGE", "quay.io/projectquay/clair-action:v0.0.8");
        env.put("CLAIR_DB_MAX_AGE_HOURS", "24");
        env.put("ARTIFACT_BUCKET", "artifacts-bucket");
        env.put("PLATFORM", "linux/amd64");
        env.put("BINFMT_IMAGE", "tonistiigi/binfmt:qemu-v9.2.2");
        env.put("TMPDIR", dir.toString());
        env.putAll(overrides);
        // CodeBuild runs the commands in one shell and exports the variables named in exported-variables.
        Templates.Result result = Templates.runBuildPhase("default-build", inline,
                "echo \"IMAGE_DIGEST=$IMAGE_DIGEST\"; echo \"IMAGE_URI=$IMAGE_URI\"; echo \"IMAGE_TAG=$IMAGE_TAG\"", work, env);
        if (!Files.exists(calls)) {
            Files.createFile(calls);
        }
        return new Run(result.exitCode(), result.output());
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    record Run(int exitCode, String output) {
    }
}
