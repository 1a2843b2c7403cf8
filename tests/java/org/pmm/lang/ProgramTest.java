package org.pmm.lang;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmm.lang.check.CheckFailed;
import org.pmm.lang.check.Hyperparameters;
import org.pmm.lang.check.ProgramChecker;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.HyperValue;
import org.pmm.lang.program.Shape;

/** The checked program of the shipped models: what an interpreter will walk. */
class ProgramTest {
  private static CheckedProgram load(String name) {
    return ProgramChecker.checkFile(Path.of("models", name), "models/" + name);
  }

  private static Shape shape(long... dims) {
    Dim[] out = new Dim[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = Dim.of(dims[i]);
    }
    return Shape.of(out);
  }

  @Test
  void pmmoHasEightLaplaceLatentsWithHiddenShapesAndOneObservedSite() {
    CheckedProgram program = load("pmmo.pmm");
    Definitions.ModelDefinition fusion = program.models().get("fusion");
    assertEquals(8, fusion.latentSites().size());
    Definitions.Site gate = fusion.latentSites().stream().filter(s -> s.name().equals("gate_layer.weight")).findFirst()
        .orElseThrow();
    assertEquals(shape(6000, 3000), gate.shape());
    assertTrue(fusion.latentSites().stream().allMatch(s -> s.distribution().equals("Laplace")));
    assertEquals(List.of("rows"), fusion.observedSites().get(0).plates());
    assertEquals(Shape.of(new Dim.Symbol("N"), Dim.of(3000)), fusion.locals().get("z"));
    assertEquals(16, program.guides().get("fusion").parameters().size());
  }

  @Test
  void pmmoTrainingHasTwoJointObjectivesWithTheirOptimisers() {
    Definitions.Training training = load("pmmo.pmm").training();
    assertEquals("jointly", training.stepping());
    assertEquals("annealed", training.objectives().get(0).elbo().estimator());
    assertEquals("ClippedAdam", training.objectives().get(0).optimizer().spec().name());
    assertEquals("AdamW", training.objectives().get(1).optimizer().spec().name());
    assertEquals(List.of("classifier"), training.objectives().get(1).groups());
  }

  @Test
  void classifierLayersFollowTheHyperparameters() {
    Definitions.NetworkDefinition classifier = load("pmmo.pmm").networks().get("classifier");
    List<String> kinds = classifier.layers().stream().map(l -> l.spec().name()).toList();
    assertEquals(List.of("batchnorm", "maxout", "batchnorm", "dropout", "maxout", "batchnorm", "linear"), kinds);
    assertEquals(shape(3000, 15000), classifier.layers().get(1).parameters().get(0).shape());
    assertEquals(shape(3000, 23), classifier.layers().get(6).parameters().get(0).shape());
  }

  @Test
  void inputNormalisationHasNoScaleAndShiftWhileTheClassifiersBatchNormsDo() {
    CheckedProgram program = load("pmmo.pmm");
    Definitions.Layer input = program.networks().get("image_norm").layers().get(0);
    assertEquals("image_norm.1.batchnorm", input.name());
    assertEquals(0.0, input.options().get("affine"));
    assertEquals(List.of(), input.parameters());
    Definitions.Layer inClassifier = program.networks().get("classifier").layers().get(0);
    assertEquals(List.of("classifier.1.batchnorm.gamma", "classifier.1.batchnorm.beta"),
        inClassifier.parameters().stream().map(Definitions.Parameter::name).toList());
  }

  @Test
  void overridesChangeShapesAndDropDisabledLayers() {
    CheckedProgram program = Hyperparameters.override(load("pmmo.pmm"),
        Map.of("hidden", "1024", "classifier_width", "1024", "batchnorm", "false", "elbo", "tracegraph", "l2", "0"));
    assertEquals(new HyperValue.IntValue(1024), program.hyperparameters().get("hidden").value());
    assertEquals(new HyperValue.RealValue(0), program.hyperparameters().get("l2").value());
    assertEquals(shape(2048, 1024), program.models().get("fusion").latentSites().stream()
        .filter(s -> s.name().equals("gate_layer.weight")).findFirst().orElseThrow().shape());
    assertEquals(List.of("maxout", "dropout", "maxout", "linear"),
        program.networks().get("classifier").layers().stream().map(l -> l.spec().name()).toList());
    assertEquals("tracegraph", program.training().objectives().get(0).elbo().estimator());
  }

  @Test
  void everyAblationOfTableTwoIsExpressibleBySetAlone() {
    CheckedProgram pmmo = load("pmmo.pmm");
    for (Map<String, String> row : List.of(Map.of("l1", "0.1", "l2", "0"), Map.of("l2", "0"),
        Map.of("elbo", "tracegraph"), Map.of("elbo", "trace", "l2", "0"), Map.of("prior_loc", "0.1", "prior_scale", "0.01"),
        Map.of("max_norm", "0", "detach_fusion", "true", "predict_samples", "10", "select", "last", "split", "random"))) {
      Hyperparameters.override(pmmo, row);
    }
    Hyperparameters.override(load("gmu.pmm"), Map.of("batchnorm", "false", "max_norm", "0"));
  }

  @Test
  void wrongOverridesAreErrors() {
    CheckFailed failed = assertThrows(CheckFailed.class,
        () -> Hyperparameters.override(load("gmu.pmm"), Map.of("elbo", "trace", "hidden", "1.5")));
    assertEquals(List.of("--set: error: hyperparameter 'hidden' takes a whole number, not '1.5'",
        "--set: error: unknown hyperparameter 'elbo' for models/gmu.pmm"),
        failed.diagnostics().stream().map(d -> d.header()).sorted().toList());
  }

  @Test
  void inlineDataIsFlattenedRowMajor() {
    Definitions.DataInput x = load("normal_normal.pmm").data().get("x");
    assertEquals(shape(4, 2), x.shape());
    assertArrayEquals(new double[] {-0.1, 0.3, 0, 0.4, 0.2, 0.5, 0.1, 0.7}, x.inlineValues());
  }
}
