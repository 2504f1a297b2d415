package dev.relay.nats;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Enforces the layer rules of DESIGN.md and the house rules of STYLE.md on relay-nats' main code. */
class ArchitectureTest {
    private static final String API = "dev.relay.nats";
    private static final String PROTOCOL = "dev.relay.nats.internal.protocol..";
    private static final String TRANSPORT = "dev.relay.nats.internal.transport..";
    private static final String CONNECTION = "dev.relay.nats.internal.connection..";
    private static final String SERVICE = "dev.relay.nats.service..";
    private static final String REQUEST_MANY = "dev.relay.nats.internal.requestmany..";
    private static final String JETSTREAM = "dev.relay.nats.jetstream..";
    private static final String KV = "dev.relay.nats.kv..";
    private static final String OBJECTSTORE = "dev.relay.nats.objectstore..";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(API);
    }

    @Test
    void protocolIsPureAndImportsNoOtherInternalLayer() {
        noClasses().that().resideInAPackage(PROTOCOL)
            .should().dependOnClassesThat().resideInAnyPackage(TRANSPORT, CONNECTION, "io.netty..",
                "java.net..", "java.nio.channels..", "java.io.File..", "java.lang.Thread..")
            .because("the protocol layer is pure code: no I/O, no threads, no other internal layer")
            .check(classes);
    }

    @Test
    void transportReportsUpwardOnlyThroughItsOwnInterface() {
        noClasses().that().resideInAPackage(TRANSPORT)
            .should().dependOnClassesThat().resideInAnyPackage(PROTOCOL, CONNECTION, API)
            .because("the transport moves bytes and knows nothing of NATS or of who uses it")
            .check(classes);
    }

    @Test
    void servicesUseOnlyThePublicConnectionApi() {
        noClasses().that().resideInAPackage(SERVICE)
            .should().dependOnClassesThat().resideInAPackage("..internal..")
            .because("the Service API is built on the public Connection API only (DESIGN.md)")
            .check(classes);
    }

    @Test
    void jetStreamIsBuiltOnlyOnThePublicConnectionApi() {
        noClasses().that().resideInAPackage(JETSTREAM)
            .should().dependOnClassesThat().resideInAnyPackage("..internal..", "io.netty..")
            .because("JetStream uses only the public Connection API and JSON (DESIGN.md layer rule)")
            .check(classes);
    }

    @Test
    void requestManyUsesOnlyThePublicConnectionApi() {
        noClasses().that().resideInAPackage(REQUEST_MANY)
            .should().dependOnClassesThat().resideInAnyPackage(PROTOCOL, TRANSPORT, CONNECTION)
            .because("request-many is built on the public Connection API; RealConnection only delegates to it")
            .check(classes);
    }

    @Test
    void keyValueIsBuiltOnlyOnThePublicJetStreamApi() {
        noClasses().that().resideInAPackage(KV)
            .should().dependOnClassesThat().resideInAnyPackage("..internal..", "io.netty..")
            .because("Key-Value uses only the public Connection and JetStream APIs (DESIGN.md layer rule)")
            .check(classes);
    }

    @Test
    void objectStoreIsBuiltOnlyOnThePublicJetStreamApi() {
        noClasses().that().resideInAPackage(OBJECTSTORE)
            .should().dependOnClassesThat().resideInAnyPackage("..internal..", "io.netty..", KV)
            .because("the Object Store uses only the public Connection and JetStream APIs (DESIGN.md layer rule)")
            .check(classes);
    }

    @Test
    void jetStreamDoesNotDependOnWhatIsBuiltOnIt() {
        noClasses().that().resideInAnyPackage(API, "dev.relay.nats.internal..", JETSTREAM, KV)
            .should().dependOnClassesThat().resideInAnyPackage(OBJECTSTORE)
            .because("Key-Value and Object Store sit above JetStream, never the other way round")
            .check(classes);
        noClasses().that().resideInAnyPackage(API, "dev.relay.nats.internal..", JETSTREAM)
            .should().dependOnClassesThat().resideInAnyPackage(KV)
            .because("Key-Value sits above JetStream, never the other way round")
            .check(classes);
    }

    @Test
    void theCoreApiDoesNotDependOnJetStream() {
        noClasses().that().resideInAnyPackage(API, "dev.relay.nats.internal..")
            .should().dependOnClassesThat().resideInAPackage(JETSTREAM)
            .because("JetStream sits above the core API, never the other way round")
            .check(classes);
    }

    @Test
    void internalLayersAreFreeOfCycles() {
        slices().matching("dev.relay.nats.(**)").should().beFreeOfCycles()
            .ignoreDependency(DescribedPredicate.describe("Nats entry point", c -> c.getName().equals(API + ".Nats")),
                DescribedPredicate.alwaysTrue())
            .check(classes);
    }

    @Test
    void publicSignaturesNeverMentionInternalTypes() {
        methods().that().arePublic().and().areDeclaredInClassesThat().resideInAnyPackage(API, API + ".service",
                API + ".jetstream", API + ".kv", API + ".objectstore")
            .and().areDeclaredInClassesThat().arePublic()
            .should(new ArchCondition<JavaMethod>("mention no internal type in their signature") {
                @Override
                public void check(JavaMethod m, ConditionEvents events) {
                    Stream.concat(Stream.of(m.getRawReturnType()), m.getRawParameterTypes().stream())
                        .filter(t -> t.getPackageName().contains(".internal"))
                        .forEach(t -> events.add(SimpleConditionEvent.violated(m, m.getFullName() + " mentions " + t.getName())));
                }
            })
            .check(classes);
    }

    @Test
    void librariesNeitherPrintNorDumpStackTraces() {
        noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace")
            .because("libraries log through SLF4J and report through listeners")
            .check(classes);
    }

    @Test
    void noSourceFileReachesOneThousandLines() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(root)) {
            tooLong = files.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> lines(p) >= 1000)
                .map(Path::toString)
                .toList();
        }
        assertThat(tooLong).as("files of 1,000 lines or more (STYLE.md)").isEmpty();
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyPublicApiTypeIsInTheExportedPackageOrInternal() {
        for (JavaClass c : classes) {
            String pkg = c.getPackageName();
            assertThat(pkg.equals(API) || pkg.equals(API + ".service") || pkg.equals(API + ".jetstream")
                || pkg.equals(API + ".kv") || pkg.equals(API + ".objectstore") || pkg.startsWith(API + ".internal."))
                .as("%s lives in an exported API package or under internal", c.getName())
                .isTrue();
        }
    }
}
