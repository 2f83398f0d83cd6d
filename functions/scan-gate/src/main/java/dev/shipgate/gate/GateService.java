package dev.shipgate.gate;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.InvalidReportException;
import dev.shipgate.gate.finding.ScanReport;
import dev.shipgate.gate.finding.ScanReports;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.finding.Severity;
import dev.shipgate.gate.job.ContinuationToken;
import dev.shipgate.gate.job.FailureType;
import dev.shipgate.gate.job.GateFailure;
import dev.shipgate.gate.job.JobEvent;
import dev.shipgate.gate.job.UserParameters;
import dev.shipgate.gate.policy.InvalidPolicyException;
import dev.shipgate.gate.policy.Policy;
import dev.shipgate.gate.policy.PolicyFile;
import dev.shipgate.gate.report.FindingsReport;
import dev.shipgate.gate.report.HtmlReport;
import dev.shipgate.gate.report.ReportLinks;
import dev.shipgate.gate.report.SarifReport;
import dev.shipgate.gate.scan.ImageIndex;
import dev.shipgate.gate.scan.ImageRef;
import dev.shipgate.gate.scan.ResolvedImage;
import dev.shipgate.gate.scan.ScanCoverage;
import dev.shipgate.gate.scan.ScanReader;
import dev.shipgate.gate.scan.ScanSnapshot;
import dev.shipgate.gate.scan.ScanStep;
import dev.shipgate.gate.verdict.Evaluation;
import dev.shipgate.gate.verdict.Evaluator;
import dev.shipgate.gate.verdict.Subject;
import dev.shipgate.gate.verdict.VerdictKind;
import dev.shipgate.gate.verdict.VerdictReport;
import dev.shipgate.gate.verdict.VerdictSummary;
import dev.shipgate.shared.log.JsonLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.Locale;

/**
 * One CodePipeline job of the SecurityGate action: wait for the image's scan (or read the build's Clair, Trivy or Grype report),
 * judge the findings against the project's policy, publish the verdict, and say how the job ends. Never throws:
 * every problem becomes an {@link Outcome.Fail} of the right type.
 */
public final class GateService implements Gate {

    static final int MAX_POLICY_BYTES = 256 * 1024;
    static final int MAX_REPORT_BYTES = 64 * 1024 * 1024;

    private final ScanReader scans;
    private final ArtifactReader artifacts;
    private final VerdictPublisher publisher;
    private final ReportStore reports;
    private final ScanGateConfig config;
    private final Timing timing;
    private final Clock clock;
    private final Sleeper sleeper;
    private final JsonLog log;

    /** Pauses between scan reads; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public GateService(ScanReader scans, ArtifactReader artifacts, VerdictPublisher publisher, ReportStore reports,
                       ScanGateConfig config, Timing timing, Clock clock, Sleeper sleeper, JsonLog log) {
        this.scans = scans;
        this.artifacts = artifacts;
        this.publisher = publisher;
        this.reports = reports;
        this.config = config;
        this.timing = timing;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    @Override
    public Outcome run(JobEvent.Job job, IntSupplier remainingMillis) {
        Subject subject = new Subject(null, null, job.id(), null, null, null);
        try {
            if (job.malformed() != null) {
                throw new GateFailure(FailureType.ConfigurationError, "The CodePipeline job event is malformed ("
                        + job.malformed() + "); scan-gate judged nothing. Check that the SecurityGate action invokes the"
                        + " function through CodePipeline, then re-run the stage.");
            }
            JobEvent.Data data = job.data() == null ? new JobEvent.Data(null, null, null, null) : job.data();
            ContinuationToken token = data.continuationToken() == null
                    ? ContinuationToken.first(clock.instant()) : ContinuationToken.decode(data.continuationToken());
            UserParameters params = UserParameters.parse(data.userParameters());
            if (!params.repository().equals(config.repositoryName())) {
                throw new GateFailure(FailureType.ConfigurationError, "UserParameters.repository '" + params.repository()
                        + "' is not this stack's repository '" + config.repositoryName() + "' (" + ScanGateConfig.IMAGE_REPOSITORY_URI
                        + "); the gate judges only images of its own repository");
            }
            // UserParameters holds build variables, which the repository's buildspec writes and CodePipeline substitutes
            // unescaped: an IMAGE_DIGEST of 'sha256:…","scanReport":"x' adds a key. What the gate judges and which policy
            // file it reads are therefore the stack's; the keys stay accepted only with the stack's own value.
            requireStackValue("scanReport", params.scanReport(), config.scanReportPath(), ScanGateConfig.SCAN_REPORT_PATH,
                    "the stack judges a report only with ClairReport=Enabled, and then only its default buildspec's"
                    + " reports/clair.json");
            requireStackValue("policyFile", params.policyFile(), config.policyFilePath(), ScanGateConfig.POLICY_FILE_PATH,
                    "to read another policy file, change the stack's PolicyFilePath parameter");
            if (config.scanReportPath() != null && params.imageDigest() == null) {
                throw new GateFailure(FailureType.ConfigurationError, "The stack judges the build's scanner report ("
                        + ScanGateConfig.SCAN_REPORT_PATH + "), which needs UserParameters.imageDigest: a report is judged only"
                        + " when it names the digest the build pushed (e.g. #{BuildVariables.IMAGE_DIGEST})");
            }
            // The token comes back in the event, which whoever may invoke the function can write: it is trusted for
            // nothing the job itself says. The image is the job's digest (or what its tag names in ECR, checked on the
            // first read); the token's digest must agree, and a wait cannot have begun in the future.
            if (token.digest() != null && params.imageDigest() != null && !token.digest().equals(params.imageDigest())) {
                throw new GateFailure(FailureType.JobFailed, "The continuation token names image " + token.digest()
                        + " but UserParameters.imageDigest is " + params.imageDigest() + ": the gate judges only the image the"
                        + " build pushed. Re-run the SecurityGate stage to start a fresh wait.");
            }
            if (token.started().isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
                throw new GateFailure(FailureType.JobFailed, "The continuation token says the wait began at " + token.started()
                        + ", in the future; re-run the SecurityGate stage to start a fresh wait.");
            }
            subject = new Subject(params.pipelineName(), params.pipelineExecutionId(), job.id(), params.repository(),
                    params.imageDigest(), params.imageTag());
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            Policy policy = loadPolicy(data, params, today);
            if (config.scanReportPath() != null) {
                return judgeScanReport(data, params, policy, subject, today, remainingMillis);
            }
            return waitForScan(params, policy, token, subject, today, remainingMillis);
        } catch (GateFailure failure) {
            return error(failure.type(), failure.getMessage(), subject, null);
        } catch (RuntimeException e) {
            log.error("unexpected-failure", Map.of("jobId", String.valueOf(job.id()), "exception", e.getClass().getName(),
                    "message", String.valueOf(e.getMessage())));
            return error(FailureType.SystemUnavailable, "scan-gate failed unexpectedly (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); retry the stage, and report it if it repeats", subject, null);
        }
    }

    private Outcome waitForScan(UserParameters params, Policy policy, ContinuationToken token, Subject subject,
                                LocalDate today, IntSupplier remainingMillis) {
        ImageRef image = new ImageRef(params.repository(), subject.imageDigest(), subject.imageDigest() == null ? params.imageTag() : null);
        ResolvedImage resolved = scans.resolve(image);
        if (resolved.isIndex()) {
            if (token.digest() != null && !token.digest().equals(resolved.image().digest())) {
                return error(FailureType.JobFailed, "Tag " + params.imageTag() + " names image " + resolved.image().digest()
                        + " in ECR, but the wait began for " + token.digest() + ": the gate judges only the image the"
                        + " build pushed. Re-run the SecurityGate stage to start a fresh wait.", subject, null);
            }
            return waitForPlatforms(resolved, policy, token, subject.withDigest(resolved.image().digest()), today, remainingMillis);
        }
        Instant deadline = token.started().plus(Duration.ofMinutes(config.scanTimeoutMinutes()));
        Map<String, Integer> previousCounts = token.counts();
        boolean coverageChecked = token.coverageChecked();
        int reads = 0;
        while (true) {
            ScanSnapshot scan = scans.read(image);
            reads++;
            if (!scan.found() && !coverageChecked) {
                coverageChecked = true;
                scan = ensureAScanIsComing(image, scan, subject.jobId());
            }
            if (image.digest() == null && scan.digest() != null) {
                if (token.digest() != null && !token.digest().equals(scan.digest())) {
                    return error(FailureType.JobFailed, "Tag " + params.imageTag() + " names image " + scan.digest()
                            + " in ECR, but the wait began for " + token.digest() + ": the gate judges only the image the"
                            + " build pushed. Re-run the SecurityGate stage to start a fresh wait.", subject, null);
                }
                image = new ImageRef(image.repository(), scan.digest(), null);
            }
            subject = subject.withDigest(scan.digest());
            ScanSource source = scan.enhanced() ? ScanSource.ECR_ENHANCED : ScanSource.ECR_BASIC;
            ScanStep step = decide(scan, previousCounts, policy, image);
            switch (step) {
                case ScanStep.Evaluate evaluate -> {
                    List<String> warnings = evaluate.warning() == null ? List.of() : List.of(evaluate.warning());
                    return judge(scan.findings(), source, policy, subject, today, warnings, remainingMillis);
                }
                case ScanStep.Fail fail -> {
                    return error(fail.type(), fail.message(), subject, source);
                }
                case ScanStep.Wait wait -> {
                    previousCounts = wait.counts();
                    if (!clock.instant().isBefore(deadline)) {
                        return error(FailureType.JobFailed, timeoutMessage(scan, wait, image, params.repository()), subject, source);
                    }
                    long needed = timing.pollInterval().plus(timing.reserve()).toMillis();
                    if (reads < timing.maxReads() && remainingMillis.getAsInt() > needed) {
                        pause();
                        continue;
                    }
                    ContinuationToken next = token.next(image.digest(), wait.counts(), coverageChecked);
                    log.info("waiting", Map.of("jobId", subject.jobId(), "image", image.toString(), "reason", wait.reason(),
                            "attempt", next.attempt(), "reads", reads));
                    return new Outcome.Continue(next.encode(), VerdictReport.clip("Waiting for the scan of " + image + ": "
                            + wait.reason() + " (invocation " + token.attempt() + ", gives up at " + deadline + ")",
                            VerdictReport.MAX_SUMMARY));
                }
            }
        }
    }

    /**
     * An image index (buildx): ECR scans each platform manifest, so every platform is read, settled and judged under
     * the same policy, and all must pass. Waits as long as any platform waits; the first platform that fails closed
     * ends the job. The token keeps each platform's enhanced counts under "&lt;platform&gt; &lt;severity&gt;".
     */
    private Outcome waitForPlatforms(ResolvedImage index, Policy policy, ContinuationToken token, Subject subject,
                                     LocalDate today, IntSupplier remainingMillis) {
        Instant deadline = token.started().plus(Duration.ofMinutes(config.scanTimeoutMinutes()));
        Map<String, Integer> previousCounts = token.counts() == null ? Map.of() : token.counts();
        boolean coverageChecked = token.coverageChecked();
        int reads = 0;
        while (true) {
            List<PlatformVerdicts.Scanned> ready = new ArrayList<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            String waiting = null;
            boolean anyNotFound = false;
            for (ImageIndex.Platform platform : index.platforms()) {
                ImageRef image = new ImageRef(index.image().repository(), platform.digest(), null);
                ScanSnapshot scan = scans.read(image);
                if (!scan.found() && !coverageChecked) {
                    anyNotFound = true;
                    scan = ensureAScanIsComing(image, scan, subject.jobId());
                }
                ScanSource source = scan.enhanced() ? ScanSource.ECR_ENHANCED : ScanSource.ECR_BASIC;
                Map<String, Integer> previous = PlatformVerdicts.countsOf(previousCounts, platform.name());
                ScanStep step = decide(scan, previous, policy, image);
                switch (step) {
                    case ScanStep.Evaluate evaluate -> {
                        ready.add(new PlatformVerdicts.Scanned(platform, source, scan.findings(), evaluate.warning()));
                        PlatformVerdicts.putCounts(counts, platform.name(), previous);
                    }
                    case ScanStep.Fail fail -> {
                        return error(fail.type(), platform.name() + " (" + image + "): " + fail.message(), subject, source);
                    }
                    case ScanStep.Wait wait -> {
                        PlatformVerdicts.putCounts(counts, platform.name(), wait.counts());
                        waiting = waiting == null ? platform.name() + ": " + wait.reason() : waiting;
                    }
                }
            }
            reads++;
            coverageChecked = coverageChecked || anyNotFound;
            if (waiting == null) {
                return judgePlatforms(ready, policy, subject, today, remainingMillis);
            }
            previousCounts = counts;
            if (!clock.instant().isBefore(deadline)) {
                return error(FailureType.JobFailed, "The scans of image index " + index.image() + " did not finish before the"
                        + " scan-gate deadline (" + waiting + "). The deploy stays blocked; re-run the stage, or raise"
                        + " SCAN_TIMEOUT_MINUTES if scans are slow.", subject, null);
            }
            long needed = timing.pollInterval().plus(timing.reserve()).toMillis();
            if (reads < timing.maxReads() && remainingMillis.getAsInt() > needed) {
                pause();
                continue;
            }
            ContinuationToken next = token.next(index.image().digest(), counts, coverageChecked);
            log.info("waiting", Map.of("jobId", subject.jobId(), "image", index.image().toString(), "reason", waiting,
                    "attempt", next.attempt(), "reads", reads, "platforms", index.platforms().size()));
            return new Outcome.Continue(next.encode(), VerdictReport.clip("Waiting for the scans of image index "
                    + index.image() + ": " + waiting + " (invocation " + token.attempt() + ", gives up at " + deadline + ")",
                    VerdictReport.MAX_SUMMARY));
        }
    }

    private Outcome judgePlatforms(List<PlatformVerdicts.Scanned> platforms, Policy policy, Subject subject, LocalDate today,
                                   IntSupplier remainingMillis) {
        PlatformVerdicts verdicts = PlatformVerdicts.judge(platforms, policy, subject, today);
        PlatformVerdicts.Judged worst = verdicts.worst();
        String headline = VerdictReport.clip(verdicts.headline(), 1000);
        Report report = writeReport(new FindingsReport(subject, verdicts.verdict(), headline, policy, verdicts.platforms().stream()
                .map(p -> new FindingsReport.Part(p.platform().name(), p.platform().digest(), p.source(), p.evaluation())).toList(),
                clock.instant()), remainingMillis);
        publish(report.link(VerdictSummary.of(subject, worst.source(), worst.evaluation(), report.headline(headline))));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("jobId", subject.jobId());
        fields.put("image", subject.image());
        fields.put("verdict", verdicts.verdict().name());
        fields.put("platforms", verdicts.platformVerdicts());
        fields.put("policy", policy.origin());
        log.info("verdict", fields);
        if (verdicts.verdict() == VerdictKind.FAIL) {
            return new Outcome.Fail(FailureType.JobFailed, report.note(verdicts.failureMessage(), VerdictReport.MAX_FAILURE_MESSAGE));
        }
        return new Outcome.Succeed(verdicts.outputVariables(config.repositoryUri()),
                report.note(verdicts.successSummary(), VerdictReport.MAX_SUMMARY));
    }

    /**
     * No scan yet: if nothing will scan the image on its own, start a basic scan, or fail now when only an
     * enhanced-scanning rule could (rather than wait for the deadline). Returns the started scan's first state, or
     * {@code notFound} when a scan is coming anyway.
     */
    private ScanSnapshot ensureAScanIsComing(ImageRef image, ScanSnapshot notFound, String jobId) {
        ScanCoverage coverage = scans.coverage(image.repository());
        if (coverage.covered()) {
            return notFound;
        }
        if (coverage.enhanced()) {
            throw new GateFailure(FailureType.ConfigurationError, "No scan of " + image + " is coming: the registry uses"
                    + " enhanced scanning and none of its rules covers repository '" + image.repository() + "' ("
                    + coverage.detail() + "). Add the repository to an existing rule's repositoryFilters: read them with"
                    + " 'aws ecr get-registry-scanning-configuration' first, since 'aws ecr"
                    + " put-registry-scanning-configuration' replaces every rule. Then re-run the stage.");
        }
        log.info("basic-scan-requested", Map.of("jobId", String.valueOf(jobId), "image", image.toString(), "coverage", coverage.detail()));
        return scans.startBasicScan(image);
    }

    /**
     * ECR's {@code findingSeverityCounts} cover the whole image; when they count more findings of a severity that can
     * block (at or above the threshold, or unranked) than the findings list holds, the list is still filling or was cut
     * short. Judging the list then could pass an image ECR says has criticals, so the gate keeps waiting instead and
     * fails closed at the deadline. Returns why, or null when the list holds everything the counts name.
     */
    /** The scan's step; a scan ready to judge whose findings list is short of its counts waits instead. */
    private static ScanStep decide(ScanSnapshot scan, Map<String, Integer> previousCounts, Policy policy, ImageRef image) {
        ScanStep step = ScanStep.decide(scan, previousCounts, policy.allowUnsupportedImage(), image);
        if (step instanceof ScanStep.Evaluate) {
            String missing = findingsMissing(scan, policy);
            if (missing != null) {
                return new ScanStep.Wait(missing, scan.counts());
            }
        }
        return step;
    }

    static String findingsMissing(ScanSnapshot scan, Policy policy) {
        if (scan.counts() == null) {
            return null;
        }
        int threshold = Math.min(Severity.rank(policy.failOnSeverity()), policy.floor().rank());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Integer> count : scan.counts().entrySet()) {
            String severity = Severity.normalize(count.getKey());
            boolean canBlock = !Severity.isRanked(severity) ? !"TOTAL".equals(severity)
                    : Severity.rank(severity) >= threshold || policy.maxCounts().containsKey(severity);
            int inList = scan.listed().getOrDefault(severity, 0);
            if (canBlock && count.getValue() != null && count.getValue() > inList) {
                missing.add(severity + " " + count.getValue() + " counted, " + inList + " listed");
            }
        }
        return missing.isEmpty() ? null : "ECR's severity counts name more findings than its findings list holds ("
                + String.join(", ", missing) + "); waiting for the list to fill";
    }

    private static String timeoutMessage(ScanSnapshot scan, ScanStep.Wait wait, ImageRef image, String repository) {
        if (!scan.found()) {
            return "No ECR scan of " + image + " appeared before the scan-gate deadline. Is scan on push (basic scanning) or"
                    + " enhanced scanning enabled for repository '" + repository + "'? Check with 'aws ecr"
                    + " get-registry-scanning-configuration' and 'aws ecr batch-get-repository-scanning-configuration"
                    + " --repository-names " + repository + "', then re-run the stage.";
        }
        return "The scan of " + image + " did not finish before the scan-gate deadline (last state: " + wait.reason()
                + "). The deploy stays blocked; re-run the stage, or raise SCAN_TIMEOUT_MINUTES if scans are slow.";
    }

    private void pause() {
        try {
            sleeper.sleep(timing.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GateFailure(FailureType.SystemUnavailable, "scan-gate was interrupted while waiting for the scan", e);
        }
    }

    private Policy loadPolicy(JobEvent.Data data, UserParameters params, LocalDate today) {
        Policy base = Policy.defaults(config.floor());
        String path = config.policyFilePath();
        List<JobEvent.Artifact> inputs = data.artifacts();
        if (inputs.isEmpty()) {
            throw new GateFailure(FailureType.ConfigurationError, "The SecurityGate action has no input artifact: give it the"
                    + " source artifact (it holds the policy file " + path + ") as its first input artifact");
        }
        JobEvent.Artifact sourceArtifact = inputs.getFirst();
        Optional<byte[]> bytes = artifacts.read(sourceArtifact, data.artifactCredentials(), path, MAX_POLICY_BYTES);
        Policy policy;
        if (bytes.isEmpty()) {
            policy = base.withOrigin("defaults (no " + path + " in artifact " + sourceArtifact.name() + ")");
        } else {
            try {
                policy = PolicyFile.parse(bytes.get(), path + " (artifact " + sourceArtifact.name() + ")", base, today);
            } catch (InvalidPolicyException e) {
                throw new GateFailure(FailureType.ConfigurationError, e.getMessage());
            }
        }
        if (params.failOnSeverity() != null) {
            if (Severity.rank(params.failOnSeverity()) > policy.floor().rank()) {
                throw new GateFailure(FailureType.ConfigurationError, "UserParameters.failOnSeverity " + params.failOnSeverity()
                        + " is milder than the stack's FailOnSeverity " + policy.floor().failOnSeverity() + "; it may only tighten it");
            }
            policy = policy.withFailOnSeverity(params.failOnSeverity(), "UserParameters.failOnSeverity");
        }
        return policy;
    }

    /**
     * Judges the scanner report the build wrote. Read only from the build's output artifacts (second and later inputs):
     * the source artifact is the repository's, and a report committed there would judge nothing the build pushed.
     */
    private Outcome judgeScanReport(JobEvent.Data data, UserParameters params, Policy policy, Subject subject, LocalDate today,
                                    IntSupplier remainingMillis) {
        String path = config.scanReportPath();
        ResolvedImage image = scans.resolve(new ImageRef(params.repository(), params.imageDigest(), null));
        if (image.isIndex() && image.platforms().size() > 1) {
            throw new GateFailure(FailureType.ConfigurationError, "Image " + image.image() + " is an image index of "
                    + image.platforms().size() + " platforms (" + image.platforms().stream().map(ImageIndex.Platform::name).toList()
                    + "); a scanner report describes one image and cannot clear the others. Build one platform (the stack's"
                    + " Platform parameter), or set ClairReport=Disabled so the gate judges ECR's scan of every platform.");
        }
        List<JobEvent.Artifact> inputs = data.artifacts();
        List<JobEvent.Artifact> buildOutputs = inputs.subList(1, inputs.size());
        for (JobEvent.Artifact artifact : buildOutputs) {
            Optional<byte[]> bytes = artifacts.read(artifact, data.artifactCredentials(), path, MAX_REPORT_BYTES);
            if (bytes.isPresent()) {
                ScanReport report;
                try {
                    report = ScanReports.parse(bytes.get());
                } catch (InvalidReportException e) {
                    throw new GateFailure(FailureType.ConfigurationError, "Scan report " + path + " in artifact "
                            + artifact.name() + " " + e.getMessage());
                }
                if (!report.describes(params.imageDigest())) {
                    throw new GateFailure(FailureType.ConfigurationError, report.source().label() + " report " + path
                            + " is for image " + String.join(", ", new TreeSet<>(report.imageDigests())) + ", not for "
                            + params.imageDigest() + ": the build must report on the image it pushed");
                }
                List<String> warnings = List.of();
                if (report.nothingScanned() != null) {
                    String nothing = report.source().label() + " report " + path + " shows nothing scanned in "
                            + params.imageDigest() + " (" + report.nothingScanned() + ")";
                    if (!policy.allowUnsupportedImage()) {
                        throw new GateFailure(FailureType.JobFailed, nothing + ", so it shows nothing about the image's"
                                + " vulnerabilities. Check that the scanner ran on the pushed image; for an image with nothing to"
                                + " scan (FROM scratch), the stack owner can set AllowUnsupportedImage=true to pass it with a warning.");
                    }
                    warnings = List.of(nothing + "; passed without findings because the stack sets AllowUnsupportedImage");
                }
                return judge(report.findings(), report.source(), policy, subject.withDigest(params.imageDigest()), today, warnings,
                        remainingMillis);
            }
        }
        throw new GateFailure(FailureType.ConfigurationError, "Scan report " + path + " (" + ScanGateConfig.SCAN_REPORT_PATH + ") is in none of the"
                + " build's output artifacts " + buildOutputs.stream().map(JobEvent.Artifact::name).toList()
                + ": make the build write it into its output artifact and give that artifact to the SecurityGate action as a"
                + " second input artifact (the first, the source artifact, is never read for reports)");
    }

    private static void requireStackValue(String key, String given, String stacks, String variable, String howToChange) {
        if (given != null && !given.equals(stacks)) {
            throw new GateFailure(FailureType.ConfigurationError, "UserParameters." + key + " '" + given + "' is not the stack's "
                    + variable + " (" + (stacks == null ? "unset" : "'" + stacks + "'") + "): the stack, not the pipeline's"
                    + " variables, chooses it. Remove the key from UserParameters; " + howToChange + ".");
        }
    }

    private Outcome judge(List<Finding> findings, ScanSource source, Policy policy, Subject subject, LocalDate today,
                          List<String> warnings, IntSupplier remainingMillis) {
        Evaluation evaluation = Evaluator.evaluate(findings, policy, today, warnings);
        String headline = VerdictReport.clip(VerdictReport.headline(evaluation, subject), 1000);
        Report report = writeReport(new FindingsReport(subject, evaluation.verdict(), headline, policy,
                List.of(new FindingsReport.Part(null, subject.imageDigest(), source, evaluation)), clock.instant()), remainingMillis);
        publish(report.link(VerdictSummary.of(subject, source, evaluation, report.headline(headline))));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("jobId", subject.jobId());
        fields.put("image", subject.image());
        fields.put("verdict", evaluation.verdict().name());
        fields.put("source", source.name());
        fields.put("policy", policy.origin());
        fields.put("counts", evaluation.countsBefore());
        fields.put("blocking", evaluation.blocking().size());
        fields.put("excepted", evaluation.excepted());
        log.info("verdict", fields);
        if (evaluation.verdict() == VerdictKind.FAIL) {
            return new Outcome.Fail(FailureType.JobFailed,
                    report.note(VerdictReport.failureMessage(evaluation, subject), VerdictReport.MAX_FAILURE_MESSAGE));
        }
        if (subject.imageDigest() == null) {
            return error(FailureType.ConfigurationError, "The gate cannot name the image it judged (no digest); give"
                    + " UserParameters.imageDigest, e.g. #{BuildVariables.IMAGE_DIGEST}", subject, source);
        }
        return new Outcome.Succeed(outputVariables(evaluation, config.repositoryUri(), subject.imageDigest()),
                report.note(VerdictReport.successSummary(evaluation, subject), VerdictReport.MAX_SUMMARY));
    }

    /** The longest a report write may take, whatever time the invocation has left. */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The most findings a report holds: 10,000 render to 4.5 MB of HTML and 8.8 MB of SARIF in memory; far larger
     * scans would need more of the function's 512 MB than judging them does.
     */
    static final int MAX_REPORT_FINDINGS = 25_000;

    /** A job's findings report: where it was stored, or why it was not. */
    record Report(ReportLinks links, String problem) {

        /** The text with a last line saying where the full report is, or that it was not written, within {@code max}. */
        String note(String text, int max) {
            String line = links != null ? "\nFull report: " + links.html()
                    : "\nFindings report not written (" + problem + "); the verdict stands.";
            return VerdictReport.clip(text, Math.max(0, max - line.length())) + line;
        }

        /** The verdict event's summary: the headline, and when no report was written, why (the event has no link then). */
        String headline(String headline) {
            return links != null ? headline : note(headline, 1000);
        }

        VerdictSummary link(VerdictSummary verdict) {
            return links == null ? verdict : verdict.withReport(links.html(), links.sarif());
        }
    }

    /**
     * Writes the findings report. Never changes the verdict: the report shows what was decided and is not part of the
     * decision, so a failed write is logged and named in the job's message, a FAIL still fails, and a PASS still passes
     * (docs/security.md, "Findings reports"). Half of what the invocation has left beyond the reserve for the job
     * result, at most {@link #REPORT_TIMEOUT}, goes to each of the two objects.
     */
    private Report writeReport(FindingsReport report, IntSupplier remainingMillis) {
        long spare = remainingMillis.getAsInt() - timing.reserve().toMillis();
        Duration timeout = Duration.ofMillis(Math.max(1000, Math.min(REPORT_TIMEOUT.toMillis(), spare / 2)));
        if (report.findingCount() > MAX_REPORT_FINDINGS) {
            String problem = report.findingCount() + " findings, more than the " + MAX_REPORT_FINDINGS + " a report holds";
            log.warn("report-write-failed", Map.of("jobId", String.valueOf(report.subject().jobId()), "key", report.key(),
                    "verdict", report.verdict().name(), "problem", problem));
            return new Report(null, problem);
        }
        try {
            byte[] html = HtmlReport.render(report);
            byte[] sarif = SarifReport.render(report);
            ReportLinks links = reports.store(report.key(), html, sarif, timeout);
            log.info("report-written", Map.of("jobId", String.valueOf(report.subject().jobId()), "key", report.key(),
                    "findings", report.findingCount(), "htmlBytes", html.length, "sarifBytes", sarif.length));
            return new Report(links, null);
        } catch (RuntimeException e) {
            String problem = VerdictReport.clip(e.getClass().getSimpleName() + ": " + e.getMessage(), 300);
            log.warn("report-write-failed", Map.of("jobId", String.valueOf(report.subject().jobId()), "key", report.key(),
                    "verdict", report.verdict().name(), "problem", problem));
            return new Report(null, problem);
        }
    }

    /**
     * The output variables of a passed job. {@code IMAGE_URI} (this stack's repository URI, {@code @}, the digest) and
     * {@code IMAGE_DIGEST} name the image the gate verified: Test and Deploy take the image from them, never from the
     * build's own claim.
     */
    static Map<String, String> outputVariables(Evaluation evaluation, String repositoryUri, String digest) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("IMAGE_URI", repositoryUri + "@" + digest);
        variables.put("IMAGE_DIGEST", digest);
        evaluation.countsBefore().forEach((severity, count) ->
                variables.put(severity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@_-]", "_"), String.valueOf(count)));
        variables.put("blocking", String.valueOf(evaluation.blocking().size()));
        variables.put("excepted", String.valueOf(evaluation.excepted()));
        variables.put("verdict", evaluation.verdict().name());
        return variables;
    }

    private Outcome error(FailureType type, String message, Subject subject, ScanSource source) {
        String text = VerdictReport.clip(message, VerdictReport.MAX_FAILURE_MESSAGE);
        publish(VerdictSummary.error(subject, source, VerdictReport.clip(type + ": " + text, 1000)));
        log.warn("job-failed", Map.of("jobId", String.valueOf(subject.jobId()), "type", type.name(), "message", text));
        return new Outcome.Fail(type, text);
    }

    private void publish(VerdictSummary verdict) {
        try {
            publisher.publish(verdict);
        } catch (RuntimeException e) {
            // The job result is the gate; a lost notification must not flip it.
            log.warn("verdict-publish-failed", Map.of("jobId", String.valueOf(verdict.jobId()), "verdict", verdict.verdict(),
                    "exception", e.getClass().getSimpleName(), "message", String.valueOf(e.getMessage())));
        }
    }
}
