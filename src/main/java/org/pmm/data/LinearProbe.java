package org.pmm.data;

import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How much each modality tells about the genres: multi-label logistic regression (one sigmoid
 * per genre, plain ND4J, hand-written gradients, full-batch Adam with a little L2) on text only,
 * image only and both, trained on the official train rows, the epoch chosen on dev, scored on
 * test as weighted F1 at threshold 0.5 (scikit-learn's definition). Used to check that the
 * surrogate rewards fusion and that its F1 lies in a realistic range; {@code pmm data probe}
 * runs it (docs/data.md has its numbers).
 *
 * <pre>{@code
 * ./pmm data probe data/surrogate.h5
 * java -cp target/classes:$(cat target/classpath.txt) org.pmm.data.LinearProbe data/surrogate.h5
 * }</pre>
 */
public final class LinearProbe {
  /** Test scores of the three inputs. */
  public record Result(double text, double image, double both) {}

  private final int steps;
  private final double learningRate;
  private final double l2;

  public LinearProbe(int steps, double learningRate, double l2) {
    this.steps = steps;
    this.learningRate = learningRate;
    this.l2 = l2;
  }

  /** The settings {@code pmm data probe} uses: 150 full-batch Adam steps at 0.01, L2 1e-4. */
  public static LinearProbe defaults() {
    return new LinearProbe(150, 0.01, 1e-4);
  }

  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : DefaultData.ensure().toString());
    MmImdbData data = MmImdbData.load(file);
    Result r = defaults().run(data);
    System.out.printf(Locale.ROOT, "test weighted F1 (official split, %d rows): text %.3f, "
        + "image %.3f, both %.3f%n", data.rows(), r.text(), r.image(), r.both());
  }

  /** Standardises the data in place (train statistics) and fits the three models. */
  public Result run(MmImdbData data) {
    Split split = Split.create(Split.OFFICIAL, data, 0);
    data.standardizeInPlace(split.train());
    return runStandardised(data, split);
  }

  /** Fits the three models on data already standardised with the training rows' statistics. */
  public Result runStandardised(MmImdbData data, Split split) {
    double text = fit(data, split, true, false);
    double image = fit(data, split, false, true);
    double both = fit(data, split, true, true);
    return new Result(text, image, both);
  }

  private double fit(MmImdbData data, Split split, boolean useText, boolean useImage) {
    INDArray xTrain = inputs(data, split.train(), useText, useImage);
    INDArray yTrain = data.matrix(Source.LABELS, split.train());
    INDArray xDev = inputs(data, split.dev(), useText, useImage);
    INDArray yDev = data.matrix(Source.LABELS, split.dev());
    INDArray xTest = inputs(data, split.test(), useText, useImage);
    INDArray yTest = data.matrix(Source.LABELS, split.test());
    long d = xTrain.columns();
    int g = Genres.COUNT;
    INDArray w = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, d, g);
    INDArray b = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, g);
    Adam adamW = new Adam(w);
    Adam adamB = new Adam(b);
    double n = xTrain.rows();
    double bestDev = -1;
    double testAtBest = 0;
    for (int step = 1; step <= steps; step++) {
      INDArray residual = Transforms.sigmoid(xTrain.mmul(w).addiRowVector(b)).subi(yTrain);
      INDArray gradW = Nd4j.gemm(xTrain, residual, true, false).divi(n).addi(w.mul(l2));
      INDArray gradB = residual.sum(true, 0).divi(n);
      adamW.step(w, gradW, step);
      adamB.step(b, gradB, step);
      if (step % 10 == 0 || step == steps) {
        double dev = weightedF1(predict(xDev, w, b), yDev);
        if (dev > bestDev) {
          bestDev = dev;
          testAtBest = weightedF1(predict(xTest, w, b), yTest);
        }
      }
    }
    return testAtBest;
  }

  private static INDArray predict(INDArray x, INDArray w, INDArray b) {
    return Transforms.sigmoid(x.mmul(w).addiRowVector(b));
  }

  private static INDArray inputs(MmImdbData data, int[] rows, boolean text, boolean image) {
    if (text && image) {
      return Nd4j.hstack(data.matrix(Source.TEXT, rows), data.matrix(Source.IMAGE, rows));
    }
    return data.matrix(text ? Source.TEXT : Source.IMAGE, rows);
  }

  /**
   * scikit-learn's {@code f1_score(average='weighted', zero_division=0)} at threshold 0.5: the
   * per-genre F1 of the positive class weighted by the genre's support.
   */
  static double weightedF1(INDArray probabilities, INDArray labels) {
    float[] p = probabilities.dup('c').data().asFloat();
    float[] y = labels.dup('c').data().asFloat();
    int g = (int) labels.columns();
    double[] tp = new double[g];
    double[] fp = new double[g];
    double[] fn = new double[g];
    for (int i = 0; i < p.length; i++) {
      boolean predicted = p[i] >= 0.5f;
      boolean actual = y[i] != 0f;
      int c = i % g;
      if (predicted && actual) {
        tp[c]++;
      } else if (predicted) {
        fp[c]++;
      } else if (actual) {
        fn[c]++;
      }
    }
    double sum = 0;
    double support = 0;
    for (int c = 0; c < g; c++) {
      double s = tp[c] + fn[c];
      double denominator = 2 * tp[c] + fp[c] + fn[c];
      double f1 = denominator == 0 ? 0 : 2 * tp[c] / denominator;
      sum += s * f1;
      support += s;
    }
    return support == 0 ? 0 : sum / support;
  }

  /** Adam for one parameter matrix. */
  private final class Adam {
    private final INDArray m;
    private final INDArray v;

    Adam(INDArray parameter) {
      m = Nd4j.zerosLike(parameter);
      v = Nd4j.zerosLike(parameter);
    }

    void step(INDArray parameter, INDArray gradient, int t) {
      m.muli(0.9).addi(gradient.mul(0.1));
      v.muli(0.999).addi(gradient.mul(gradient).muli(0.001));
      double correction = Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
      parameter.subi(m.mul(learningRate * correction).divi(Transforms.sqrt(v, true).addi(1e-8)));
    }
  }
}
