package dev.relay.rocketmq;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of relay-rocketmq's main code: pure protocol, transport below the client, no cycles. */
class ArchitectureTest {
    private static final String PROTOCOL = "dev.relay.rocketmq.internal.protocol..";
    private static final String REMOTING = "dev.relay.rocketmq.internal.remoting..";
    private static final String CLIENT = "dev.relay.rocketmq.internal.client..";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.relay.rocketmq");
    }

    @Test
    void protocolIsPure() {
        noClasses().that().resideInAPackage(PROTOCOL)
            .should().dependOnClassesThat().resideInAnyPackage(REMOTING, CLIENT, "io.netty..", "java.net..",
                "java.nio.channels..", "java.lang.Thread..")
            .because("codecs are pure code: no I/O, no threads, no other internal layer").check(classes);
    }

    @Test
    void remotingKnowsNothingOfTheClientLayer() {
        noClasses().that().resideInAPackage(REMOTING).should().dependOnClassesThat().resideInAPackage(CLIENT)
            .because("the remoting client moves commands and reports up through futures and its RequestProcessor")
            .check(classes);
    }

    @Test
    void internalPackagesAreFreeOfCycles() {
        slices().matching("dev.relay.rocketmq.internal.(*)..").should().beFreeOfCycles().check(classes);
    }
}
