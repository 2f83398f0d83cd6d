package dev.shipgate.gate.aws;

import dev.shipgate.gate.finding.Finding;
import dev.shipgate.gate.finding.FixState;
import dev.shipgate.gate.finding.ScanSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.CvssScore;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.PackageVulnerabilityDetails;
import software.amazon.awssdk.services.ecr.model.VulnerablePackage;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** SDK responses are built with the SDK's own builders, never mocked. */
class EcrFindingMappingTest {

    @Test
    void basic_attributes_becomePackageVersionAndCvss3OverCvss2() {
        Finding f = EcrScanReader.basic(ImageScanFinding.builder().name("CVE-2019-5188").severity("MEDIUM")
                .uri("http://people.ubuntu.com/~ubuntu-security/cve/CVE-2019-5188 ")
                .attributes(Attribute.builder().key("package_version").value("1.44.1-1ubuntu1.1").build(),
                        Attribute.builder().key("package_name").value("e2fsprogs").build(),
                        Attribute.builder().key("CVSS2_SCORE").value("4.6").build(),
                        Attribute.builder().key("CVSS3_SCORE").value("6.7").build())
                .build());

        assertThat(f).isEqualTo(new Finding("CVE-2019-5188", "MEDIUM", "e2fsprogs", "1.44.1-1ubuntu1.1", null, FixState.UNKNOWN,
                6.7, ScanSource.ECR_BASIC, "http://people.ubuntu.com/~ubuntu-security/cve/CVE-2019-5188"));
    }

    @Test
    void basic_unknownSeverity_isKeptAsString() {
        Finding f = EcrScanReader.basic(ImageScanFinding.builder().name("CVE-1").severity("SOMETHING_NEW").build());

        assertThat(f.severity()).isEqualTo("SOMETHING_NEW");
        assertThat(f.cvss()).isNull();
    }

    @Test
    void enhanced_onePerVulnerablePackage_withFixedInAndNotAvailable() {
        EnhancedImageScanFinding finding = EnhancedImageScanFinding.builder()
                .severity("HIGH").score(8.1).fixAvailable("PARTIAL").title("CVE-2022-49043 - libxml2")
                .packageVulnerabilityDetails(PackageVulnerabilityDetails.builder()
                        .vulnerabilityId("CVE-2022-49043").sourceUrl("https://security-tracker.debian.org/tracker/CVE-2022-49043")
                        .cvss(CvssScore.builder().baseScore(8.1).build())
                        .vulnerablePackages(
                                VulnerablePackage.builder().name("libxml2").version("2.9.14").fixedInVersion("2.9.14+dfsg-1.3~deb12u1").build(),
                                VulnerablePackage.builder().name("libxml2-utils").version("2.9.14").fixedInVersion("NotAvailable").build())
                        .build())
                .build();

        List<Finding> findings = EcrScanReader.enhanced(finding);

        assertThat(findings).extracting(Finding::id, Finding::packageName, Finding::fixedIn, Finding::fix, Finding::cvss, Finding::source)
                .containsExactly(
                        tuple("CVE-2022-49043", "libxml2", "2.9.14+dfsg-1.3~deb12u1", FixState.AVAILABLE, 8.1, ScanSource.ECR_ENHANCED),
                        tuple("CVE-2022-49043", "libxml2-utils", null, FixState.NONE, 8.1, ScanSource.ECR_ENHANCED));
    }

    @Test
    void enhanced_zeroInspectorScore_fallsBackToCvssBaseScore() {
        List<Finding> findings = EcrScanReader.enhanced(EnhancedImageScanFinding.builder().severity("UNTRIAGED").score(0.0).fixAvailable("NO")
                .packageVulnerabilityDetails(PackageVulnerabilityDetails.builder().vulnerabilityId("GHSA-x")
                        .cvss(CvssScore.builder().baseScore(5.5).build(), CvssScore.builder().baseScore(6.1).build()).build())
                .build());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.cvss()).isEqualTo(6.1);
            assertThat(f.severity()).isEqualTo("UNTRIAGED");
            assertThat(f.fix()).isEqualTo(FixState.NONE);
            assertThat(f.packageName()).isNull();
        });
    }
}
