package org.pmm.experiment.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.data.MmImdbData;
import org.pmm.data.Source;
import org.pmm.data.Split;
import org.pmm.data.SurrogateGenerator;
import org.pmm.experiment.systems.SystemConfig;

class OverfitProbeTest {
  @TempDir Path dir;

  private MmImdbData standardised(int rows) throws IOException {
    Path file = dir.resolve("s.h5");
    SurrogateGenerator.write(file, rows, 3, line -> {});
    MmImdbData data = MmImdbData.load(file);
    data.standardizeInPlace(Split.create(Split.OFFICIAL, data, 0).train());
    return data;
  }

  @Test
  void reportedScoresEqualAnIndependentComputationFromTheNetworksPredictions()
      throws IOException {
    // 3,600 rows: 2,157 training rows, so scoring them takes two evaluation batches of 2,048
    // and a wrong row order or a lost batch would change the score.
    MmImdbData data = standardised(3600);
    Split split = Split.create(Split.OFFICIAL, data, 0);
    assertTrue(split.train().length > 2048);
    List<OverfitProbe.Epoch> seen = new ArrayList<>();
    OverfitProbe.Result result = new OverfitProbe(new OverfitProbe.Settings(8, 2, 256, 0.01, 1))
        .run(data, split, seen::add, line -> {});
    assertEquals(result.epochs(), seen, "every epoch is reported as it ends");
    assertEquals(List.of(1, 2), seen.stream().map(OverfitProbe.Epoch::epoch).toList());

    double train = independentWeightedF1(result, data, split.train());
    double dev = independentWeightedF1(result, data, split.dev());
    assertEquals(train, result.last().trainWeightedF1(), 1e-12);
    assertEquals(dev, result.last().valWeightedF1(), 1e-12);
    assertTrue(Math.abs(train - dev) > 1e-6, "train and validation rows are scored apart");
    assertEquals(train - dev, result.last().gap(), 1e-12);
    assertTrue(train > 0.1, "the network learned something: " + train);
  }

  @Test
  void aWideUnregularisedNetworkMemorisesFewTrainingRows() throws IOException {
    // 400 rows: 240 training rows against 4,396 inputs; a width-64 network fits them almost
    // perfectly while the validation rows stay far behind.
    MmImdbData data = standardised(400);
    Split split = Split.create(Split.OFFICIAL, data, 0);
    OverfitProbe.Result result = new OverfitProbe(new OverfitProbe.Settings(64, 25, 64, 0.003, 0))
        .run(data, split, e -> {}, line -> {});
    OverfitProbe.Epoch first = result.epochs().get(0);
    OverfitProbe.Epoch last = result.last();
    assertTrue(last.trainWeightedF1() > 0.95, "train F1 " + last.trainWeightedF1());
    assertTrue(last.gap() > 0.3, "gap " + last.gap());
    assertTrue(last.trainLoss() < first.trainLoss() / 5, first + " -> " + last);
  }

  @Test
  void settingsTurnEveryRegulariserOffAndSetBothWidths() {
    SystemConfig c = new OverfitProbe.Settings(300, 4, 128, 0.002, 5).config();
    assertEquals("gmu", c.kind());
    assertEquals(300, c.hidden());
    assertEquals(300, c.classifierWidth());
    assertFalse(c.batchnorm());
    assertEquals(0.0, c.maxNorm());
    assertEquals(0.0, c.dropout());
    assertEquals(0.002, c.lr());
    assertEquals(128, c.batchSize());
    assertEquals(4, c.epochs());
  }

  @Test
  void bestValidationIsTheFirstEpochOfHighestValidationF1() {
    OverfitProbe.Result r = new OverfitProbe.Result(List.of(
        new OverfitProbe.Epoch(1, 0.5, 0.6, 0.55, 1),
        new OverfitProbe.Epoch(2, 0.3, 0.8, 0.62, 1),
        new OverfitProbe.Epoch(3, 0.1, 0.9, 0.62, 1),
        new OverfitProbe.Epoch(4, 0.0, 1.0, 0.58, 1)), null);
    assertEquals(2, r.bestValidation().epoch());
    assertEquals(4, r.last().epoch());
    assertEquals(0.42, r.last().gap(), 1e-12);
  }

  /**
   * Weighted F1 written out again from scratch: all rows predicted in one call, p >= 0.5,
   * per-genre positive-class F1 weighted by the genre's support.
   */
  private static double independentWeightedF1(OverfitProbe.Result result, MmImdbData data,
      int[] rows) {
    INDArray text = data.matrix(Source.TEXT, rows);
    INDArray image = data.matrix(Source.IMAGE, rows);
    float[][] p = result.system().predict(text, image);
    float[][] y = data.matrix(Source.LABELS, rows).toFloatMatrix();
    double weighted = 0;
    double support = 0;
    for (int g = 0; g < y[0].length; g++) {
      double tp = 0;
      double fp = 0;
      double fn = 0;
      for (int i = 0; i < rows.length; i++) {
        boolean predicted = p[i][g] >= 0.5f;
        boolean actual = y[i][g] == 1f;
        tp += predicted && actual ? 1 : 0;
        fp += predicted && !actual ? 1 : 0;
        fn += !predicted && actual ? 1 : 0;
      }
      double f1 = tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
      weighted += f1 * (tp + fn);
      support += tp + fn;
    }
    return weighted / support;
  }
}
