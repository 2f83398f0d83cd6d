package dev.shipgate.gate.aws;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.FixState;
import dev.shipgate.gate.finding.ScanSource;
import dev.shipgate.gate.finding.Severity;
import dev.shipgate.gate.job.FailureType;
import dev.shipgate.gate.job.GateFailure;
import dev.shipgate.gate.scan.ImageIndex;
import dev.shipgate.gate.scan.ImageRef;
import dev.shipgate.gate.scan.ResolvedImage;
import dev.shipgate.gate.scan.ScanCoverage;
import dev.shipgate.gate.scan.Pages;
import dev.shipgate.gate.scan.ScanReader;
import dev.shipgate.gate.scan.ScanSnapshot;
import dev.shipgate.shared.aws.SdkDryRun;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.CvssScore;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageArchivedException;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFindings;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.PackageVulnerabilityDetails;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanType;
import software.amazon.awssdk.services.ecr.model.StartImageScanResponse;
import software.amazon.awssdk.services.ecr.model.UnsupportedImageTypeException;
import software.amazon.awssdk.services.ecr.model.ValidationException;
import software.amazon.awssdk.services.ecr.model.VulnerablePackage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an image's scan with {@code DescribeImageScanFindings}: status first, then, once complete, every page of
 * findings (1,000 per page). Severities and statuses are read as strings so values newer than this SDK survive.
 */
public final class EcrScanReader implements ScanReader {

    static final int PAGE_SIZE = 1000;
    private static final String NOT_AVAILABLE = "NotAvailable";

    private final EcrClient ecr;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public EcrScanReader(EcrClient ecr) {
        this(ecr, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming's synthetic jobs answer them ({@link SdkDryRun#answer}) */
    public EcrScanReader(EcrClient ecr, Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.ecr = ecr;
        this.requestSettings = requestSettings;
    }

    @Override
    public ScanSnapshot read(ImageRef image) {
        DescribeImageScanFindingsResponse first;
        try {
            first = describe(image, null);
        } catch (ScanNotFoundException e) {
            return ScanSnapshot.notFound(image.digest());
        } catch (RepositoryNotFoundException e) {
            throw repositoryNotFound(image.repository(), e);
        } catch (ImageNotFoundException e) {
            throw imageNotFound(image, e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the scan of " + image);
        }
        String status = first.imageScanStatus() == null ? "UNKNOWN" : first.imageScanStatus().statusAsString();
        String description = first.imageScanStatus() == null ? null : first.imageScanStatus().description();
        String digest = first.imageId() == null ? image.digest() : first.imageId().imageDigest();
        ImageScanFindings scanFindings = first.imageScanFindings();
        Map<String, Integer> counts = scanFindings != null && scanFindings.hasFindingSeverityCounts()
                ? new LinkedHashMap<>(scanFindings.findingSeverityCountsAsStrings()) : null;
        if (!"COMPLETE".equals(status) && !"ACTIVE".equals(status)) {
            return ScanSnapshot.unlisted(status, description, "ACTIVE".equals(status), counts, digest);
        }
        ImageRef pinned = digest == null ? image : new ImageRef(image.repository(), digest, null);
        List<List<Finding>> listed;
        try {
            listed = Pages.collect(page(first), token -> page(describe(pinned, token)));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the findings of " + pinned);
        } catch (IllegalStateException e) {
            throw new GateFailure(FailureType.SystemUnavailable, "ECR findings of " + pinned + ": " + e.getMessage(), e);
        }
        List<Finding> findings = listed.stream().flatMap(List::stream).toList();
        Map<String, Integer> listedCounts = new LinkedHashMap<>();
        listed.forEach(split -> listedCounts.merge(Severity.normalize(split.getFirst().severity()), 1, Integer::sum));
        boolean enhanced = findings.stream().anyMatch(f -> f.source() == ScanSource.ECR_ENHANCED)
                || "ACTIVE".equals(status)
                || counts != null && counts.containsKey("UNTRIAGED")
                || findings.isEmpty() && registryUsesEnhancedScanning();
        return new ScanSnapshot(true, status, description, enhanced, counts, findings, listedCounts, digest);
    }

    /** Index types first: ECR answers with the stored manifest when its type is accepted. */
    static final List<String> ACCEPTED_MEDIA_TYPES = List.of(ImageIndex.OCI_INDEX, ImageIndex.DOCKER_MANIFEST_LIST,
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.v1+json");

    @Override
    public ResolvedImage resolve(ImageRef image) {
        BatchGetImageResponse response;
        try {
            response = ecr.batchGetImage(b -> b.repositoryName(image.repository()).imageIds(id(image))
                    .acceptedMediaTypes(ACCEPTED_MEDIA_TYPES).overrideConfiguration(requestSettings));
        } catch (RepositoryNotFoundException e) {
            throw repositoryNotFound(image.repository(), e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the manifest of " + image + " (ecr:BatchGetImage)");
        }
        Image found = response.images().stream().findFirst().orElse(null);
        if (found == null) {
            ImageFailure failure = response.failures().stream().findFirst().orElse(null);
            String reason = failure == null ? "no image and no failure in the answer"
                    : failure.failureCodeAsString() + ": " + failure.failureReason();
            if (failure != null && ImageFailureCode.IMAGE_NOT_FOUND == failure.failureCode()) {
                throw new GateFailure(FailureType.ConfigurationError, "Image " + image + " is not in ECR (" + reason
                        + "): check that UserParameters names the digest or tag the build pushed");
            }
            throw new GateFailure(FailureType.JobFailed, "ECR did not return the manifest of " + image + " (" + reason + ")");
        }
        String digest = found.imageId() != null && found.imageId().imageDigest() != null ? found.imageId().imageDigest() : image.digest();
        ImageRef pinned = digest == null ? image : new ImageRef(image.repository(), digest, null);
        try {
            if (!ImageIndex.isIndex(found.imageManifestMediaType(), found.imageManifest())) {
                return new ResolvedImage(pinned, List.of());
            }
            return new ResolvedImage(pinned, ImageIndex.platforms(found.imageManifest()));
        } catch (ImageIndex.InvalidIndexException e) {
            throw new GateFailure(FailureType.ConfigurationError, "Cannot gate " + pinned + ": " + e.getMessage());
        }
    }

    private DescribeImageScanFindingsResponse describe(ImageRef image, String nextToken) {
        return ecr.describeImageScanFindings(DescribeImageScanFindingsRequest.builder()
                .repositoryName(image.repository())
                .imageId(id(image))
                .maxResults(PAGE_SIZE)
                .nextToken(nextToken)
                .overrideConfiguration(requestSettings)
                .build());
    }

    @Override
    public ScanCoverage coverage(String repository) {
        try {
            boolean enhanced = ecr.getRegistryScanningConfiguration(b -> b.overrideConfiguration(requestSettings))
                    .scanningConfiguration().scanType() == ScanType.ENHANCED;
            RepositoryScanningConfiguration effective = ecr.batchGetRepositoryScanningConfiguration(b -> b.repositoryNames(repository)
                            .overrideConfiguration(requestSettings))
                    .scanningConfigurations().stream().findFirst().orElse(null);
            String frequency = effective == null ? "unknown" : effective.scanFrequencyAsString();
            // No configuration returned is not proof that nothing scans: count it as covered and keep waiting.
            boolean ruleScans = effective == null || Boolean.TRUE.equals(effective.scanOnPush())
                    || !ScanFrequency.MANUAL.toString().equals(frequency);
            if (enhanced) {
                // Enhanced scanning ignores the repository's own scan-on-push setting: only registry rules count.
                return new ScanCoverage(true, ruleScans, "registry ENHANCED, repository scanFrequency " + frequency);
            }
            boolean repositoryScanOnPush = ecr.describeRepositories(b -> b.repositoryNames(repository).overrideConfiguration(requestSettings))
                    .repositories().stream()
                    .anyMatch(r -> r.imageScanningConfiguration() != null
                            && Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush()));
            return new ScanCoverage(false, ruleScans || repositoryScanOnPush, "registry BASIC, repository scanFrequency "
                    + frequency + ", repository scanOnPush " + repositoryScanOnPush);
        } catch (RepositoryNotFoundException e) {
            throw repositoryNotFound(repository, e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the scanning configuration of repository '" + repository + "'");
        }
    }

    @Override
    public ScanSnapshot startBasicScan(ImageRef image) {
        try {
            StartImageScanResponse started = ecr.startImageScan(b -> b.repositoryName(image.repository()).imageId(id(image))
                    .overrideConfiguration(requestSettings));
            String digest = started.imageId() == null ? image.digest() : started.imageId().imageDigest();
            String status = started.imageScanStatus() == null ? "IN_PROGRESS" : started.imageScanStatus().statusAsString();
            String description = started.imageScanStatus() == null ? null : started.imageScanStatus().description();
            return ScanSnapshot.unlisted(status, description, false, null, digest);
        } catch (LimitExceededException e) {
            // A scan started meanwhile (a retried invocation, or a second job on this digest) is readable now.
            ScanSnapshot again = read(image);
            if (again.found()) {
                return again;
            }
            throw new GateFailure(FailureType.JobFailed, "ECR refused to scan " + image + " ("
                    + AwsErrors.detail(e) + ") and has no scan of it. An image gets one manual basic scan a day; push it again"
                    + " (for example rebuild), or enable scan on push for repository '" + image.repository() + "'.", e);
        } catch (UnsupportedImageTypeException e) {
            // Not UNSUPPORTED_IMAGE: allowUnsupportedImage must not pass an image nobody scanned.
            throw new GateFailure(FailureType.ConfigurationError, "ECR cannot scan " + image + " ("
                    + AwsErrors.detail(e) + "). If it is an image index (buildx pushes one by default), gate a platform manifest"
                    + " digest or build with --provenance=false; otherwise use a base image ECR can scan.", e);
        } catch (ImageArchivedException e) {
            return ScanSnapshot.unlisted("IMAGE_ARCHIVED", AwsErrors.detail(e), false, null, image.digest());
        } catch (ImageNotFoundException e) {
            throw imageNotFound(image, e);
        } catch (ValidationException e) {
            throw new GateFailure(FailureType.ConfigurationError, "ECR refused a basic scan of " + image + " ("
                    + AwsErrors.detail(e) + "); the registry probably switched to enhanced scanning: make one of its rules cover"
                    + " repository '" + image.repository() + "', then re-run the stage.", e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "starting a basic scan of " + image + " (ecr:StartImageScan)");
        }
    }

    private static GateFailure repositoryNotFound(String repository, RepositoryNotFoundException e) {
        return new GateFailure(FailureType.ConfigurationError, "ECR repository '" + repository
                + "' does not exist in this account and region: check UserParameters.repository", e);
    }

    private static GateFailure imageNotFound(ImageRef image, ImageNotFoundException e) {
        return new GateFailure(FailureType.ConfigurationError, "Image " + image + " is not in ECR: check that"
                + " UserParameters names the digest or tag the build pushed", e);
    }

    private static ImageIdentifier id(ImageRef image) {
        return ImageIdentifier.builder().imageDigest(image.digest()).imageTag(image.digest() == null ? image.tag() : null).build();
    }

    /** A COMPLETE scan without findings is ambiguous (clean basic scan, or enhanced scan not settled): ask the registry. */
    private boolean registryUsesEnhancedScanning() {
        try {
            return ecr.getRegistryScanningConfiguration(b -> b.overrideConfiguration(requestSettings))
                    .scanningConfiguration().scanType() == ScanType.ENHANCED;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the registry scanning configuration (ecr:GetRegistryScanningConfiguration)");
        }
    }

    /** One item per finding ECR listed: the finding, or an enhanced finding split per vulnerable package. */
    static Pages.Page<List<Finding>> page(DescribeImageScanFindingsResponse response) {
        List<List<Finding>> findings = new ArrayList<>();
        ImageScanFindings scan = response.imageScanFindings();
        if (scan != null) {
            for (ImageScanFinding finding : scan.findings()) {
                findings.add(List.of(basic(finding)));
            }
            for (EnhancedImageScanFinding finding : scan.enhancedFindings()) {
                findings.add(enhanced(finding));
            }
        }
        return new Pages.Page<>(findings, response.nextToken());
    }

    static Finding basic(ImageScanFinding finding) {
        String pkg = null;
        String version = null;
        Double cvss3 = null;
        Double cvss2 = null;
        for (Attribute attribute : finding.attributes()) {
            switch (attribute.key()) {
                case "package_name" -> pkg = attribute.value();
                case "package_version" -> version = attribute.value();
                case "CVSS3_SCORE" -> cvss3 = score(attribute.value());
                case "CVSS2_SCORE" -> cvss2 = score(attribute.value());
                default -> {
                }
            }
        }
        return new Finding(finding.name(), finding.severityAsString(), pkg, version, null, FixState.UNKNOWN,
                cvss3 != null ? cvss3 : cvss2, ScanSource.ECR_BASIC, trim(finding.uri()));
    }

    /** One finding per vulnerable package, so package-scoped exceptions apply precisely. */
    static List<Finding> enhanced(EnhancedImageScanFinding finding) {
        PackageVulnerabilityDetails details = finding.packageVulnerabilityDetails();
        String id = details != null && details.vulnerabilityId() != null ? details.vulnerabilityId() : finding.title();
        Double cvss = cvss(finding);
        String uri = details != null && details.sourceUrl() != null ? details.sourceUrl()
                : finding.remediation() != null && finding.remediation().recommendation() != null
                ? finding.remediation().recommendation().url() : null;
        FixState fix = FixState.fromEcr(finding.fixAvailable());
        List<VulnerablePackage> packages = details == null ? List.of() : details.vulnerablePackages();
        if (packages.isEmpty()) {
            return List.of(new Finding(id, finding.severity(), null, null, null, fix, cvss, ScanSource.ECR_ENHANCED, trim(uri)));
        }
        List<Finding> findings = new ArrayList<>(packages.size());
        for (VulnerablePackage pkg : packages) {
            String fixedIn = pkg.fixedInVersion() == null || NOT_AVAILABLE.equals(pkg.fixedInVersion()) ? null : pkg.fixedInVersion();
            // PARTIAL means some packages of the finding have a fix: one without fixedInVersion has none.
            FixState packageFix = fixedIn != null ? FixState.AVAILABLE : fix == FixState.PARTIAL ? FixState.NONE : fix;
            findings.add(new Finding(id, finding.severity(), pkg.name(), pkg.version(), fixedIn, packageFix, cvss,
                    ScanSource.ECR_ENHANCED, trim(uri)));
        }
        return findings;
    }

    /**
     * Inspector's {@code score}; when that is absent or 0.0 (an {@code UNTRIAGED} finding often has 0.0 beside real
     * records), {@code scoreDetails.cvss.score}, then the highest v3 {@code packageVulnerabilityDetails.cvss[].baseScore},
     * then the highest of any version. Null when no record has a score: 0.0 is "no score", not "harmless".
     */
    static Double cvss(EnhancedImageScanFinding finding) {
        if (positive(finding.score())) {
            return finding.score();
        }
        if (finding.scoreDetails() != null && finding.scoreDetails().cvss() != null && positive(finding.scoreDetails().cvss().score())) {
            return finding.scoreDetails().cvss().score();
        }
        PackageVulnerabilityDetails details = finding.packageVulnerabilityDetails();
        if (details == null) {
            return null;
        }
        Double v3 = null;
        Double any = null;
        for (CvssScore record : details.cvss()) {
            if (!positive(record.baseScore())) {
                continue;
            }
            any = any == null ? record.baseScore() : Math.max(any, record.baseScore());
            if (record.version() != null && record.version().startsWith("3")) {
                v3 = v3 == null ? record.baseScore() : Math.max(v3, record.baseScore());
            }
        }
        return v3 != null ? v3 : any;
    }

    private static boolean positive(Double score) {
        return score != null && score > 0.0;
    }

    private static Double score(String value) {
        try {
            return value == null ? null : Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
