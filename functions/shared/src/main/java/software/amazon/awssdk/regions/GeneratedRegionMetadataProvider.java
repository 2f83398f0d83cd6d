package software.amazon.awssdk.regions;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * shipgate's lazy replacement for the AWS SDK class of the same name (SDK 2.40.2).
 * Maps a region to its {@link RegionMetadata}.
 * The SDK's own class builds all 53 of them, one class each, the first time any client is built (clients only
 * need their own service's signing region): about 50 ms of every cold start. This one builds each on first use.
 * <p>
 * The function zip puts this class at its root, ahead of {@code lib/regions-*.jar} (functions/function-zip.xml);
 * {@code SdkMetadataProvidersTest} checks that its mapping is exactly the SDK's and prints a regenerated source
 * when an SDK upgrade changes it. Upstream removed the eager load in aws/aws-sdk-java-v2#7161; drop this class
 * once the pinned SDK has that change.
 */
public final class GeneratedRegionMetadataProvider implements RegionMetadataProvider {

    private static final ConcurrentMap<String, RegionMetadata> CREATED = new ConcurrentHashMap<>();

    @Override
    public RegionMetadata regionMetadata(Region key) {
        if (key == null) {
            return null;
        }
        String id = key.id();
        RegionMetadata known = CREATED.get(id);
        if (known != null) {
            return known;
        }
        RegionMetadata created = create(id);
        if (created == null) {
            return null;
        }
        known = CREATED.putIfAbsent(id, created);
        return known == null ? created : known;
    }

    private static RegionMetadata create(String id) {
        return switch (id) {
            case "af-south-1" -> new software.amazon.awssdk.regions.regionmetadata.AfSouth1();
            case "ap-east-1" -> new software.amazon.awssdk.regions.regionmetadata.ApEast1();
            case "ap-east-2" -> new software.amazon.awssdk.regions.regionmetadata.ApEast2();
            case "ap-northeast-1" -> new software.amazon.awssdk.regions.regionmetadata.ApNortheast1();
            case "ap-northeast-2" -> new software.amazon.awssdk.regions.regionmetadata.ApNortheast2();
            case "ap-northeast-3" -> new software.amazon.awssdk.regions.regionmetadata.ApNortheast3();
            case "ap-south-1" -> new software.amazon.awssdk.regions.regionmetadata.ApSouth1();
            case "ap-south-2" -> new software.amazon.awssdk.regions.regionmetadata.ApSouth2();
            case "ap-southeast-1" -> new software.amazon.awssdk.regions.regionmetadata.ApSoutheast1();
            case "ap-southeast-2" -> new software.amazon.awssdk.regions.regionmetadata.ApSoutheast2();
            case "ap-southeast-3" -> new software.amazon.awssdk.regions.regionmetadata.ApSoutheast3();
            case "ap-southeast-4" -> new software.amazon.awssdk.regions.regionmetadata.ApSoutheast4();
            case "ap-southeast-5" -> new software.amazon.awssdk.regions.regionmetadata.ApSoutheast5();
            case "ap-southeast-6" -> new software.amazon.awssdk.regions.regionmetadata.ApSoutheast6();
            case "ap-southeast-7" -> new software.amazon.awssdk.regions.regionmetadata.ApSoutheast7();
            case "aws-cn-global" -> new software.amazon.awssdk.regions.regionmetadata.AwsCnGlobal();
            case "aws-global" -> new software.amazon.awssdk.regions.regionmetadata.AwsGlobal();
            case "aws-iso-b-global" -> new software.amazon.awssdk.regions.regionmetadata.AwsIsoBGlobal();
            case "aws-iso-e-global" -> new software.amazon.awssdk.regions.regionmetadata.AwsIsoEGlobal();
            case "aws-iso-f-global" -> new software.amazon.awssdk.regions.regionmetadata.AwsIsoFGlobal();
            case "aws-iso-global" -> new software.amazon.awssdk.regions.regionmetadata.AwsIsoGlobal();
            case "aws-us-gov-global" -> new software.amazon.awssdk.regions.regionmetadata.AwsUsGovGlobal();
            case "ca-central-1" -> new software.amazon.awssdk.regions.regionmetadata.CaCentral1();
            case "ca-west-1" -> new software.amazon.awssdk.regions.regionmetadata.CaWest1();
            case "cn-north-1" -> new software.amazon.awssdk.regions.regionmetadata.CnNorth1();
            case "cn-northwest-1" -> new software.amazon.awssdk.regions.regionmetadata.CnNorthwest1();
            case "eu-central-1" -> new software.amazon.awssdk.regions.regionmetadata.EuCentral1();
            case "eu-central-2" -> new software.amazon.awssdk.regions.regionmetadata.EuCentral2();
            case "eu-isoe-west-1" -> new software.amazon.awssdk.regions.regionmetadata.EuIsoeWest1();
            case "eu-north-1" -> new software.amazon.awssdk.regions.regionmetadata.EuNorth1();
            case "eu-south-1" -> new software.amazon.awssdk.regions.regionmetadata.EuSouth1();
            case "eu-south-2" -> new software.amazon.awssdk.regions.regionmetadata.EuSouth2();
            case "eu-west-1" -> new software.amazon.awssdk.regions.regionmetadata.EuWest1();
            case "eu-west-2" -> new software.amazon.awssdk.regions.regionmetadata.EuWest2();
            case "eu-west-3" -> new software.amazon.awssdk.regions.regionmetadata.EuWest3();
            case "eusc-de-east-1" -> new software.amazon.awssdk.regions.regionmetadata.EuscDeEast1();
            case "il-central-1" -> new software.amazon.awssdk.regions.regionmetadata.IlCentral1();
            case "me-central-1" -> new software.amazon.awssdk.regions.regionmetadata.MeCentral1();
            case "me-south-1" -> new software.amazon.awssdk.regions.regionmetadata.MeSouth1();
            case "mx-central-1" -> new software.amazon.awssdk.regions.regionmetadata.MxCentral1();
            case "sa-east-1" -> new software.amazon.awssdk.regions.regionmetadata.SaEast1();
            case "us-east-1" -> new software.amazon.awssdk.regions.regionmetadata.UsEast1();
            case "us-east-2" -> new software.amazon.awssdk.regions.regionmetadata.UsEast2();
            case "us-gov-east-1" -> new software.amazon.awssdk.regions.regionmetadata.UsGovEast1();
            case "us-gov-west-1" -> new software.amazon.awssdk.regions.regionmetadata.UsGovWest1();
            case "us-iso-east-1" -> new software.amazon.awssdk.regions.regionmetadata.UsIsoEast1();
            case "us-iso-west-1" -> new software.amazon.awssdk.regions.regionmetadata.UsIsoWest1();
            case "us-isob-east-1" -> new software.amazon.awssdk.regions.regionmetadata.UsIsobEast1();
            case "us-isob-west-1" -> new software.amazon.awssdk.regions.regionmetadata.UsIsobWest1();
            case "us-isof-east-1" -> new software.amazon.awssdk.regions.regionmetadata.UsIsofEast1();
            case "us-isof-south-1" -> new software.amazon.awssdk.regions.regionmetadata.UsIsofSouth1();
            case "us-west-1" -> new software.amazon.awssdk.regions.regionmetadata.UsWest1();
            case "us-west-2" -> new software.amazon.awssdk.regions.regionmetadata.UsWest2();
            default -> null;
        };
    }
}
