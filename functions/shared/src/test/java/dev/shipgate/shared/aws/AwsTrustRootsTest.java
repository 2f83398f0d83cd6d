package dev.shipgate.shared.aws;

import org.junit.jupiter.api.Test;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsTrustRootsTest {

    /** SHA-256 fingerprints as Amazon Trust Services publishes them (https://www.amazontrust.com/repository/). */
    private static final List<String> AWS_ROOTS = List.of(
            "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e", // Amazon Root CA 1
            "1ba5b2aa8c65401a82960118f80bec4f62304d83cec4713a19c39c011ea46db4", // Amazon Root CA 2
            "18ce6cfe7bf14e60b2e347b8dfe868cb31d02ebb3ada271569f50343b46db3a4", // Amazon Root CA 3
            "e35d28419ed02025cfa69038cd623962458da5c695fbdea3c22b0bfb25897092", // Amazon Root CA 4
            "568d6905a2c88708a4b3025190edcfedb1974a606a13c6e5290fcb2ae63edab5"); // Starfield Services Root CA - G2

    private final X509TrustManager trustManager = (X509TrustManager) AwsTrustRoots.trustManagers()[0];

    @Test
    void trustsExactlyTheFiveRootsAwsEndpointsChainTo() throws Exception {
        List<String> fingerprints = Arrays.stream(trustManager.getAcceptedIssuers()).map(AwsTrustRootsTest::sha256).sorted().toList();

        assertThat(fingerprints).containsExactlyElementsOf(AWS_ROOTS.stream().sorted().toList());
        for (X509Certificate root : trustManager.getAcceptedIssuers()) {
            assertThat(root.getBasicConstraints()).as(root.getSubjectX500Principal().getName()).isNotNegative();
            assertThat(root.getNotAfter().toInstant()).isAfter(Instant.parse("2037-01-01T00:00:00Z"));
        }
    }

    @Test
    void acceptsAnAwsRoot_andRejectsARootOutsideTheList() throws Exception {
        X509Certificate amazonRoot = trustManager.getAcceptedIssuers()[0];
        X509Certificate other = jdkRootNotFromAws();

        trustManager.checkServerTrusted(new X509Certificate[]{amazonRoot}, "RSA");
        assertThatThrownBy(() -> trustManager.checkServerTrusted(new X509Certificate[]{other}, "RSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void applies_inTheAwsPartition_unlessATrustStoreIsConfiguredOrAnHttpsEndpointReplacesAws() {
        assertThat(AwsTrustRoots.apply(Map.of("AWS_REGION", "eu-west-1"), Map.of())).isTrue();
        assertThat(AwsTrustRoots.apply(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), Map.of())).isTrue();

        assertThat(AwsTrustRoots.apply(Map.of("AWS_REGION", "cn-north-1"), Map.of())).isFalse();
        assertThat(AwsTrustRoots.apply(Map.of("AWS_REGION", "us-gov-west-1"), Map.of())).isFalse();
        assertThat(AwsTrustRoots.apply(Map.of("AWS_ENDPOINT_URL_S3", " HTTPS://s3.proxy.example.com"), Map.of())).isFalse();
        assertThat(AwsTrustRoots.apply(Map.of("AWS_ENDPOINT_URL", "https://localhost.localstack.cloud:4566"), Map.of())).isFalse();
        assertThat(AwsTrustRoots.apply(Map.of(), Map.of("aws.endpointUrlSns", "https://sns.proxy.example.com"))).isFalse();
        assertThat(AwsTrustRoots.apply(Map.of(), Map.of("javax.net.ssl.trustStore", "/opt/corporate-truststore.p12"))).isFalse();
    }

    @Test
    void theSdkHttpClientBuilds_withEitherTrustSource() {
        AwsClients.http(Map.of("AWS_REGION", "eu-west-1"), Map.of()).close();
        AwsClients.http(Map.of("AWS_ENDPOINT_URL", "https://localhost:4566"), Map.of()).close();
    }

    private static X509Certificate jdkRootNotFromAws() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager jdk = (X509TrustManager) factory.getTrustManagers()[0];
        return Arrays.stream(jdk.getAcceptedIssuers()).filter(c -> !AWS_ROOTS.contains(sha256(c))).findFirst().orElseThrow();
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
