package org.pmm.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmm.data.NamedArrays;

/**
 * The dependencies pmm's packages may have, bottom to top: {@code base} (errors, version,
 * spelling) and {@code io} (atomic files); {@code tensor} (autodiff on ND4J); the modelling
 * core ({@code distributions}, {@code optim}, {@code params}, {@code handlers}, the {@code Pmm}
 * facade, {@code nn}, {@code infer}); {@code data} (readers, beside the core); {@code lang} (the
 * model language, which reads data only through {@link NamedArrays}); {@code experiment} (the
 * paper's suite on MM-IMDb); {@code bench}; {@code cli}. No package imports one above it, and no
 * two packages import each other, directly or through others.
 */
class LayersTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.pmm");
  }

  @Test
  void layersPointOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Base").definedBy("org.pmm.base..")
        .layer("Io").definedBy("org.pmm.io..")
        .layer("Tensor").definedBy("org.pmm.tensor..")
        .layer("Core").definedBy("org.pmm", "org.pmm.distributions..", "org.pmm.optim..",
            "org.pmm.params..", "org.pmm.handlers..", "org.pmm.nn..", "org.pmm.infer..")
        .layer("Data").definedBy("org.pmm.data..")
        .layer("Lang").definedBy("org.pmm.lang..")
        .layer("Experiment").definedBy("org.pmm.experiment..")
        .layer("Fit").definedBy("org.pmm.fit..")
        .layer("Bench").definedBy("org.pmm.bench..")
        .layer("Cli").definedBy("org.pmm.cli..")
        .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("Fit").mayOnlyBeAccessedByLayers("Cli")
        .whereLayer("Bench").mayOnlyBeAccessedByLayers("Cli")
        .whereLayer("Experiment").mayOnlyBeAccessedByLayers("Fit", "Bench", "Cli")
        .whereLayer("Lang").mayOnlyBeAccessedByLayers("Experiment", "Fit", "Bench", "Cli")
        .whereLayer("Data").mayOnlyBeAccessedByLayers("Lang", "Experiment", "Fit", "Bench", "Cli")
        .whereLayer("Core").mayOnlyBeAccessedByLayers("Lang", "Experiment", "Fit", "Bench", "Cli")
        .whereLayer("Tensor").mayOnlyBeAccessedByLayers("Core", "Data", "Lang", "Experiment",
            "Fit", "Bench", "Cli")
        .whereLayer("Io").mayOnlyBeAccessedByLayers("Core", "Data", "Experiment", "Fit", "Bench",
            "Cli")
        .check(classes);
  }

  @Test
  void theLanguageKnowsNoDataSet() {
    noClasses().that().resideInAPackage("org.pmm.lang..")
        .should().dependOnClassesThat(resideInAPackage("org.pmm.data..")
            .and(not(type(NamedArrays.class))))
        .because("programs bind data through NamedArrays, whatever file it comes from")
        .check(classes);
  }

  @Test
  void baseImportsNothingOfPmm() {
    noClasses().that().resideInAPackage("org.pmm.base..")
        .should().dependOnClassesThat(resideInAPackage("org.pmm..")
            .and(not(resideInAPackage("org.pmm.base.."))))
        .check(classes);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching("org.pmm.(*)..").should().beFreeOfCycles().check(classes);
    slices().matching("org.pmm.lang.(*)..").should().beFreeOfCycles().check(classes);
    slices().matching("org.pmm.experiment.(*)..").should().beFreeOfCycles().check(classes);
    slices().matching("org.pmm.tensor.(*)..").should().beFreeOfCycles().check(classes);
  }

  /**
   * Inside tensor: kernels (array code) import nothing of pmm; operations import the core and
   * kernels; the core imports operations only from {@code Tensor}'s fluent methods and the
   * {@code Ops} façade, which is how a newcomer reaches them.
   */
  @Test
  void tensorKernelsOperationsCore() {
    noClasses().that().resideInAPackage("org.pmm.tensor.kernels..")
        .should().dependOnClassesThat(resideInAPackage("org.pmm..")
            .and(not(resideInAPackage("org.pmm.tensor.kernels.."))))
        .check(classes);
    noClasses().that().resideInAPackage("org.pmm.tensor")
        .and().doNotHaveSimpleName("Tensor").and().doNotHaveSimpleName("Ops")
        .should().dependOnClassesThat().resideInAPackage("org.pmm.tensor.ops..")
        .check(classes);
  }
}
