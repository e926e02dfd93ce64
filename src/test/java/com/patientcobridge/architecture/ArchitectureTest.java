package com.patientcobridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of {@code src/main} (docs/design.md draws it): imports point one way, so
 * no two packages, at any depth, depend on each other through any path, and only the launcher,
 * which starts one of the programs the jar holds, knows the sandbox.
 */
class ArchitectureTest {

    static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.patientcobridge");
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching("com.patientcobridge.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void noCyclesBetweenAnyPackages() {
        slices().matching("com.patientcobridge.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void onlyTheLauncherKnowsTheSandbox() {
        noClasses().that().resideOutsideOfPackage("com.patientcobridge.sandbox..")
                .and().doNotHaveFullyQualifiedName("com.patientcobridge.Launcher")
                .should().dependOnClassesThat().resideInAPackage("com.patientcobridge.sandbox..")
                .check(main);
    }
}
