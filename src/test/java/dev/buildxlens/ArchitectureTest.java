package dev.buildxlens;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Layers point one way: core → cli and ui. The model stays free of docker-java so scenarios can build it. */
@AnalyzeClasses(packages = "dev.buildxlens", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule core_knows_nothing_of_javafx_cli_or_ui = noClasses().that().resideInAPackage("dev.buildxlens.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "dev.buildxlens.cli..", "dev.buildxlens.ui..");

    @ArchTest
    static final ArchRule cli_never_touches_javafx_or_ui = noClasses().that().resideInAPackage("dev.buildxlens.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "dev.buildxlens.ui..");

    @ArchTest
    static final ArchRule the_model_is_free_of_docker_java = noClasses().that().resideInAPackage("dev.buildxlens.core.model..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "com.fasterxml..");

    @ArchTest
    static final ArchRule only_the_probe_talks_to_docker_java = noClasses().that().resideOutsideOfPackage("dev.buildxlens.core.probe..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..");

    /** core's parts depend on each other one way: a cycle would mean two parts that can only change together. */
    @ArchTest
    static final ArchRule the_parts_of_core_are_free_of_cycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("dev.buildxlens.core.(*)..").should().beFreeOfCycles();

    /** The CLI and the app go through the one pipeline; neither assembles the analysis and the fix planners itself. */
    @ArchTest
    static final ArchRule only_the_pipeline_plans_fixes = noClasses().that().resideInAnyPackage("dev.buildxlens.cli..", "dev.buildxlens.ui..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("FixPlanner")
            .orShould().dependOnClassesThat().haveSimpleName("BuildDiagnoser")
            .orShould().dependOnClassesThat().haveSimpleName("WorkflowSimulator");

    @ArchTest
    static final ArchRule view_models_do_not_build_views = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..");
}
