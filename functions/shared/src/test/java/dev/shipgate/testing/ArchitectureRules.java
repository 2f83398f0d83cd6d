package dev.shipgate.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.implement;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture every function module keeps, as ArchUnit rules over its compiled classes: one composition
 * root and handler in the function's base package, AWS adapters in {@code <base>.aws}, and every other package
 * plain domain code. Each function module's {@code ArchitectureTest} imports its own classes and runs these rules
 * ({@code ArchTests.in(ArchitectureRules.class)}).
 */
public final class ArchitectureRules {

    /** dev.shipgate.webhook, dev.shipgate.gate, dev.shipgate.notifier: whichever function the test imported. */
    private static final String FUNCTION_BASE = "dev.shipgate.*";
    private static final String[] AWS_AND_LAMBDA = {"software.amazon.awssdk..", "com.amazonaws..", "org.crac.."};
    private static final DescribedPredicate<JavaClass> LAMBDA_HANDLER =
            implement(RequestHandler.class).or(implement(RequestStreamHandler.class)).as("Lambda handlers");

    private static final ArchCondition<JavaMethod> ACCESS_THE_SDK = new ArchCondition<>("access AWS SDK types") {
        @Override
        public void check(JavaMethod method, ConditionEvents events) {
            boolean any = false;
            for (JavaAccess<?> access : method.getAccessesFromSelf()) {
                if (access.getTargetOwner().getPackageName().startsWith("software.amazon.awssdk")) {
                    events.add(SimpleConditionEvent.satisfied(method, access.getDescription()));
                    any = true;
                }
            }
            if (!any) {
                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " accesses no AWS SDK type"));
            }
        }
    };

    private ArchitectureRules() {
    }

    /** Domain packages (all but a function's base package and its {@code aws} package) use no AWS SDK, Lambda or CRaC type. */
    @ArchTest
    public static final ArchRule domainUsesNoAwsOrLambdaTypes = noClasses()
            .that().resideInAPackage(FUNCTION_BASE + ".*..").and().resideOutsideOfPackage(FUNCTION_BASE + ".aws..")
            .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_LAMBDA)
            .because("domain code is plain Java: the handler and the aws adapters are the only AWS edge");

    /** A handler's request method reads the event, calls the service and writes the answer: no SDK calls in it. */
    @ArchTest
    public static final ArchRule handlersDoNotReachTheSdk = noMethods()
            .that().haveName("handleRequest").and().areDeclaredInClassesThat(LAMBDA_HANDLER)
            .should(ACCESS_THE_SDK)
            .because("SDK clients are built by the composition root and used behind the aws adapters");

    /** The packages under a function's base package depend on each other without cycles. */
    @ArchTest
    public static final ArchRule packagesAreFreeOfCycles = slices().matching(FUNCTION_BASE + ".(*)..").should().beFreeOfCycles();

    /**
     * No ObjectMapper, JsonMapper or YAMLMapper: JSON and YAML go through jackson-core's streaming API (JsonTree),
     * because a mapper's (de)serializer machinery adds about 450 classes to every cold start.
     */
    @ArchTest
    public static final ArchRule noJacksonMapper = noClasses()
            .should().dependOnClassesThat(resideInAPackage("com.fasterxml.jackson..").and(simpleNameEndingWith("Mapper"))
                    .as("Jackson mappers"))
            .because("a mapper costs about 450 classes of cold start");
}
