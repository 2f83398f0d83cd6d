package dev.shipgate.gate;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.FixState;
import dev.shipgate.gate.finding.ScanReport;
import dev.shipgate.gate.finding.ScanReports;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.job.ContinuationToken;
import dev.shipgate.gate.job.JobEvent;
import dev.shipgate.gate.job.UserParameters;
import dev.shipgate.gate.scan.ImageIndex;
import dev.shipgate.gate.policy.ExceptionRule;
import dev.shipgate.gate.policy.Floor;
import dev.shipgate.gate.policy.Policy;
import dev.shipgate.gate.policy.PolicyFile;
import dev.shipgate.gate.report.FindingsReport;
import dev.shipgate.gate.report.HtmlReport;
import dev.shipgate.gate.report.SarifReport;
import dev.shipgate.gate.verdict.Evaluation;
import dev.shipgate.gate.verdict.Evaluator;
import dev.shipgate.gate.verdict.Subject;
import dev.shipgate.gate.verdict.VerdictReport;
import dev.shipgate.gate.verdict.VerdictSummary;
import dev.shipgate.shared.init.ClassPreloader;
import dev.shipgate.shared.json.JsonTree;
import dev.shipgate.shared.log.JsonLog;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.codepipeline.model.PutJobFailureResultRequest;
import software.amazon.awssdk.services.codepipeline.model.PutJobSuccessResultRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SnapStart priming: before the snapshot, runs the hot path on synthetic data (parse a job event, read a policy,
 * read a Trivy and a Grype report, judge findings, judge an image index platform by platform, write the verdict,
 * messages and findings report), then runs synthetic jobs through the real handler, gate, AWS adapters and job
 * reporter, every SDK call answered instead of sent ({@link SyntheticJobs}), so the restored function starts with
 * those classes loaded and the call sites of a job linked. Makes no AWS call and has no side effect.
 */
final class GatePriming implements Resource {

    private final Supplier<SyntheticJobs.Ran> syntheticJobs;
    private final JsonLog log;

    /**
     * @param syntheticJobs runs the synthetic jobs ({@link SyntheticJobs#run}); throws when one did not end as expected,
     *                      so the checkpoint fails
     */
    GatePriming(Supplier<SyntheticJobs.Ran> syntheticJobs, JsonLog log) {
        this.syntheticJobs = syntheticJobs;
        this.log = log;
    }

    private static final String EVENT = """
            {"CodePipeline.job":{"id":"00000000-0000-0000-0000-000000000000","accountId":"123456789012","data":{
            "actionConfiguration":{"configuration":{"FunctionName":"scan-gate","UserParameters":
            "{\\"repository\\":\\"priming\\",\\"imageDigest\\":\\"sha256:0000000000000000000000000000000000000000000000000000000000000000\\"}"}},
            "inputArtifacts":[{"name":"SourceOutput","location":{"type":"S3","s3Location":{"bucketName":"b","objectKey":"k"}}}],
            "artifactCredentials":{"accessKeyId":"x","secretAccessKey":"x","sessionToken":"x"}}}}""";
    private static final String POLICY = """
            version: 1
            failOnSeverity: HIGH
            maxCounts: {MEDIUM: 5}
            exceptions:
              - {id: CVE-0000-0001, package: pkg1, reason: priming, expires: "%s"}
            """;

    private static final String DIGEST = "sha256:" + "1".repeat(64);
    /** The build's own scanner reports (UserParameters.scanReport), one finding each: Trivy JSON and Grype JSON. */
    private static final String TRIVY = """
            {"SchemaVersion":2,"ArtifactName":"priming@%1$s","ArtifactType":"container_image",
             "Metadata":{"ImageID":"%1$s","RepoDigests":["priming@%1$s"]},
             "Results":[{"Target":"priming","Class":"os-pkgs","Type":"debian","Vulnerabilities":[{"VulnerabilityID":"CVE-0000-0003",
              "PkgName":"pkg","InstalledVersion":"1.0","FixedVersion":"1.1","Status":"fixed","Severity":"HIGH",
              "CVSS":{"nvd":{"V3Score":7.5}},"PrimaryURL":"https://example.invalid/CVE-0000-0003"}]}]}""".formatted(DIGEST);
    private static final String GRYPE = """
            {"matches":[{"vulnerability":{"id":"CVE-0000-0004","severity":"Critical","dataSource":"https://example.invalid/CVE-0000-0004",
              "fix":{"versions":["2.0"],"state":"fixed"},"cvss":[{"version":"3.1","metrics":{"baseScore":9.8}}]},
              "artifact":{"name":"pkg","version":"1.0","type":"deb"}}],
             "source":{"type":"image","target":{"manifestDigest":"%1$s","repoDigests":["priming@%1$s"]}}}""".formatted(DIGEST);
    private static final String INDEX = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":1,"platform":{"architecture":"amd64","os":"linux"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":1,
              "annotations":{"vnd.docker.reference.type":"attestation-manifest"},"platform":{"architecture":"unknown","os":"unknown"}}]}"""
            .formatted("2".repeat(64), "3".repeat(64), "4".repeat(64));

    /** Fails the checkpoint when any step primed nothing: a snapshot that is not primed must not be published. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        int preloaded = ClassPreloader.loadAll(GatePriming.class);
        if (preloaded == 0) {
            throw new IllegalStateException("priming loaded no class: " + ClassPreloader.LIST + " is missing or stale");
        }
        Primed primed = prime(true);
        SyntheticJobs.Ran jobs = syntheticJobs.get();
        log.info("snapstart-priming", Map.of("classesPreloaded", preloaded, "verdictsPrimed", primed.verdict().isEmpty() ? 0 : 1,
                "reportBytesPrimed", primed.reportBytes(), "jobsPrimed", jobs.outcomes(), "sdkCallsAnswered", jobs.sdkCallsAnswered()));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing of the gate's own is read at init; AwsClients renews the connections and fetches new credentials.
    }

    /** What a priming run produced: the verdict JSON and the size of the findings report (HTML and SARIF) it rendered. */
    record Primed(String verdict, int reportBytes) {
    }

    /**
     * @param withPolicyFile also parse a YAML policy; SnapStart priming does, the plain init warm-up does not, so a
     *                       project without a policy file never loads the YAML parser (about 30 ms of class loading)
     */
    static Primed prime(boolean withPolicyFile) throws Exception {
        JobEvent event = JobEvent.read(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)));
        UserParameters params = UserParameters.parse(event.job().data().userParameters());
        LocalDate today = LocalDate.now();
        Policy policy = withPolicyFile
                ? PolicyFile.parse(POLICY.formatted(today.plusDays(3)).getBytes(StandardCharsets.UTF_8), "priming", Policy.defaults("HIGH"), today)
                : new Policy(Floor.of("HIGH"), "HIGH", Floor.DEFAULT_UNSCORED_SEVERITY, Map.of("MEDIUM", 5), false, null,
                        List.of(new ExceptionRule("CVE-0000-0001", "pkg1", "priming", today.plusDays(3))), null, false, 90, "priming");
        List<Finding> findings = new ArrayList<>();
        String[] severities = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED"};
        for (int i = 0; i < 200; i++) {
            findings.add(new Finding("CVE-0000-" + String.format("%04d", i), severities[i % severities.length], "pkg" + (i % 7),
                    "1.0." + i, i % 2 == 0 ? "1.1." + i : null, i % 2 == 0 ? FixState.AVAILABLE : FixState.NONE,
                    (i % 100) / 10.0, ScanSource.ECR_ENHANCED, "https://example.invalid/" + i));
        }
        for (String report : List.of(TRIVY, GRYPE)) {
            ScanReport parsed = ScanReports.parse(report.getBytes(StandardCharsets.UTF_8));
            if (parsed.findings().size() != 1 || !parsed.describes(DIGEST)) {
                throw new IllegalStateException("priming: a " + parsed.source() + " report was not read as written");
            }
            findings.addAll(parsed.findings());
        }
        Evaluation evaluation = Evaluator.evaluate(findings, policy, today, List.of());
        Subject subject = new Subject("priming", "priming", event.job().id(), params.repository(), params.imageDigest(), null);
        List<ImageIndex.Platform> platforms = ImageIndex.platforms(INDEX);
        if (platforms.size() != 2) {
            throw new IllegalStateException("priming: the image index was not read as written");
        }
        List<PlatformVerdicts.Scanned> scanned = platforms.stream()
                .map(p -> new PlatformVerdicts.Scanned(p, ScanSource.ECR_BASIC, findings, null)).toList();
        PlatformVerdicts perPlatform = PlatformVerdicts.judge(scanned, policy, subject, today);
        String platformTexts = perPlatform.headline() + perPlatform.failureMessage() + perPlatform.successSummary()
                + perPlatform.platformVerdicts() + perPlatform.outputVariables("123456789012.dkr.ecr.us-east-1.amazonaws.com/priming");
        String verdict = JsonTree.write(VerdictSummary.of(subject, ScanSource.ECR_ENHANCED, evaluation,
                VerdictReport.headline(evaluation, subject)).toJson());
        String message = VerdictReport.failureMessage(evaluation, subject) + VerdictReport.successSummary(evaluation, subject);
        FindingsReport report = new FindingsReport(subject, evaluation.verdict(), VerdictReport.headline(evaluation, subject), policy,
                List.of(new FindingsReport.Part(null, params.imageDigest(), ScanSource.ECR_ENHANCED, evaluation)), Instant.now());
        String html = new String(HtmlReport.render(report), StandardCharsets.UTF_8);
        byte[] sarif = SarifReport.render(report);
        if (!html.contains(evaluation.blocking().getFirst().id()) || sarif.length == 0) {
            throw new IllegalStateException("priming: the findings report rendered no finding");
        }
        ContinuationToken token = ContinuationToken.decode(ContinuationToken.first(Instant.now()).next(params.imageDigest(), Map.of("HIGH", 1), true).encode());
        DescribeImageScanFindingsRequest.builder().repositoryName(params.repository()).maxResults(1000).build();
        PutJobSuccessResultRequest.builder().jobId(event.job().id()).continuationToken(token.encode()).build();
        PutJobFailureResultRequest.builder().jobId(event.job().id()).failureDetails(d -> d.type("JobFailed").message(message)).build();
        GateService.outputVariables(evaluation, "123456789012.dkr.ecr.us-east-1.amazonaws.com/priming", params.imageDigest());
        if (platformTexts.isEmpty()) {
            throw new IllegalStateException("priming: no per-platform verdict text");
        }
        return new Primed(verdict, html.length() + sarif.length);
    }
}
