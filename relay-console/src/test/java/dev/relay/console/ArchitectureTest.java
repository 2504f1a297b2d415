package dev.relay.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps relay-console on the client's public API, its own API free of internal types, and quiet. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.relay.console");
    }

    @Test
    void theConsoleUsesOnlyThePublicClientApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.relay.nats.internal..")
                .because("the console is a user of relay-nats like any application")
                .check(classes);
    }

    @Test
    void publicSignaturesMentionNoInternalType() {
        methods().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("dev.relay.console")
                .should(new ArchCondition<JavaMethod>("mention no internal type in their signature") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        Stream.concat(Stream.of(method.getRawReturnType()), method.getRawParameterTypes().stream())
                                .map(JavaClass::getPackageName)
                                .filter(p -> p.contains(".internal"))
                                .forEach(p -> events.add(SimpleConditionEvent.violated(method,
                                        method.getFullName() + " mentions a type of " + p)));
                    }
                })
                .check(classes);
    }

    @Test
    void nothingPrintsToTheConsoleOfTheProcess() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .because("libraries log through SLF4J")
                .check(classes);
    }
}
