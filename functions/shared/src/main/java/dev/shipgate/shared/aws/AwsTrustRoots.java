package dev.shipgate.shared.aws;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;

/**
 * The certificate authorities AWS service endpoints chain to: Amazon Root CA 1–4 and Starfield Services Root
 * Certificate Authority - G2 (AWS: "AWS services use certificates from Amazon Trust Services"; a trust store
 * needs these five). The SDK's HTTP client trusts exactly these instead of the JDK's ~140-certificate trust
 * store, whose loading costs about 30 ms of CPU in every cold start. See {@link #apply} for when the JDK's store
 * is kept.
 */
final class AwsTrustRoots {

    static final String RESOURCE = "aws-trust-roots.pem";

    private AwsTrustRoots() {
    }

    /**
     * Whether these roots are all the SDK needs: the region is in the commercial {@code aws} partition (the other
     * partitions' endpoints are not documented to chain to these roots), no trust store is configured
     * ({@code javax.net.ssl.trustStore}, e.g. for a TLS-inspecting proxy's CA), and no HTTPS endpoint replaces AWS's
     * own ({@code AWS_ENDPOINT_URL*} or {@code aws.endpointUrl*} set to an https URL, e.g. an emulator with TLS).
     * Plain-HTTP local endpoints (moto_server) make no TLS connection, so they do not need the JDK's store.
     */
    static boolean apply(Map<String, String> environment, Map<?, ?> systemProperties) {
        String region = environment.getOrDefault("AWS_REGION", "");
        return !region.matches("(cn|us-gov|us-iso[a-z]*|eu-isoe|eusc)-.*")
                && !systemProperties.containsKey("javax.net.ssl.trustStore")
                && !httpsEndpoint(environment, "AWS_ENDPOINT_URL") && !httpsEndpoint(systemProperties, "aws.endpointUrl");
    }

    private static boolean httpsEndpoint(Map<?, ?> settings, String prefix) {
        return settings.entrySet().stream().anyMatch(e -> String.valueOf(e.getKey()).startsWith(prefix)
                && String.valueOf(e.getValue()).trim().regionMatches(true, 0, "https:", 0, 6));
    }

    /** Fails fast (at the function's init) when the bundled roots are missing or unreadable: a broken artifact. */
    static TrustManager[] trustManagers() {
        try (InputStream pem = AwsTrustRoots.class.getResourceAsStream(RESOURCE)) {
            if (pem == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the artifact");
            }
            KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                roots.setCertificateEntry("aws-root-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(roots);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the AWS trust roots", e);
        }
    }
}
