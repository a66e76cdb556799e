package dev.ladder.testkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

/**
 * Ladder's architecture rules ({@link LadderArchitecture}) as tests. Each service has one subclass naming its base
 * package, so every service runs the same rules in {@code ./mvnw verify}, each reported on its own.
 * <pre>{@code
 * class ArchitectureTest extends ServiceArchitectureTest {
 *     ArchitectureTest() { super("dev.ladder.progress"); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceArchitectureTest {

    private final LadderArchitecture rules;
    private final JavaClasses classes;

    protected ServiceArchitectureTest(String basePackage) {
        this(basePackage, List.of());
    }

    /** @param externalHttpPackages see {@link LadderArchitecture#LadderArchitecture(String, List)} */
    protected ServiceArchitectureTest(String basePackage, List<String> externalHttpPackages) {
        this.rules = new LadderArchitecture(basePackage, externalHttpPackages);
        // production code only: tests may well start another service's events by hand
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    @Test
    void dependsOnNoOtherService() {
        rules.noDependencyOnOtherServices().check(classes);
    }

    @Test
    void callsNoOtherServiceOverHttp() {
        rules.noHttpClients().check(classes);
    }

    @Test
    void hasNoPackageCycles() {
        rules.noPackageCycles().check(classes);
    }

    @Test
    void hasNoCyclesBetweenFeatures() {
        rules.featuresFreeOfCycles().check(classes);
    }

    @Test
    void keepsControllersAndListenersThin() {
        rules.controllersAndListenersAreThin().check(classes);
    }

    @Test
    void definesNoEventTypesOfItsOwn() {
        rules.eventTypesComeFromContracts().check(classes);
    }

    @Test
    void usesKafkaOnlyThroughTheKit() {
        rules.kafkaOnlyThroughTheKit().check(classes);
    }

    @Test
    void listensOnlyForContractEvents() {
        rules.listenersReceiveContractEvents().check(classes);
    }
}
