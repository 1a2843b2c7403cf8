package org.pmm.experiment.checkpoint;

import java.util.Arrays;
import org.pmm.lang.compile.Predictive;

/**
 * Where one training cycle stands: epochs and batches done, the global step, the running sum of
 * the current epoch's losses, the per-epoch curves, the selected epoch (with a copy of its
 * weights while training, its test probabilities once the cycle is finished), and the number of
 * skipped batches. The training loop updates it after every
 * step and epoch; a checkpoint saves it, so that a resumed cycle continues with the same numbers
 * (the loss sum included, so that the epoch's mean loss comes out bit for bit the same).
 *
 * <pre>{@code
 * CycleProgress p = new CycleProgress(10);
 * p.stepTaken(0.69);                     // one batch trained
 * p.finishEpoch(12.5, 0.61);             // seconds, validation weighted-F1
 * p.select(SelectedWeights.of(system), valProbabilities);  // the selected epoch so far
 * p.nextEpoch();
 * ...
 * p.finish(testProbabilities, predictive, gate, valPredictiveMean);  // after the last epoch
 * }</pre>
 */
public final class CycleProgress {
  private final int epochs;
  private int epoch;
  private int batch;
  private long step;
  private double lossSum;
  private int batches;
  private double epochElapsed;
  private int best = -1;
  private SelectedWeights selectedWeights;
  private float[][] selectedValProbabilities;
  private float[][] testProbabilities;
  private Predictive testPredictive;
  private float[] testGate;
  private float[][] valPredictiveMean;
  private long skipped;
  private final double[] valWeightedF1;
  private final double[] trainLoss;
  private final double[] epochSeconds;

  /** A cycle of {@code epochs} epochs that has not started. */
  public CycleProgress(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("a cycle needs at least one epoch, got " + epochs);
    }
    this.epochs = epochs;
    this.valWeightedF1 = new double[epochs];
    this.trainLoss = new double[epochs];
    this.epochSeconds = new double[epochs];
  }

  /** Rebuilds a saved position; the curves hold the values of the {@code epoch} epochs done. */
  static CycleProgress restored(int epochs, int epoch, int batch, long step, double lossSum,
      int batches, double epochElapsed, int best, SelectedWeights selectedWeights,
      float[][] testProbabilities, long skipped, double[] valWeightedF1, double[] trainLoss,
      double[] epochSeconds, float[][] selectedValProbabilities, Predictive testPredictive,
      float[] testGate, float[][] valPredictiveMean) {
    CycleProgress p = new CycleProgress(epochs);
    if (epoch < 0 || epoch > epochs || batch < 0 || step < 0 || batches < 0 || batches > batch
        || best < -1 || best >= epoch
        || (best >= 0) != (selectedWeights != null || testProbabilities != null)
        || (testProbabilities != null && epoch < epochs)
        || valWeightedF1.length != epoch || trainLoss.length != epoch
        || epochSeconds.length != epoch) {
      throw new IllegalArgumentException("inconsistent cycle position (epoch " + epoch + " of "
          + epochs + ", batch " + batch + ", selected epoch " + best + ")");
    }
    p.epoch = epoch;
    p.batch = batch;
    p.step = step;
    p.lossSum = lossSum;
    p.batches = batches;
    p.epochElapsed = epochElapsed;
    p.best = best;
    p.selectedWeights = selectedWeights;
    p.testProbabilities = testProbabilities;
    p.selectedValProbabilities = selectedValProbabilities;
    p.testPredictive = testPredictive;
    p.testGate = testGate;
    p.valPredictiveMean = valPredictiveMean;
    p.skipped = skipped;
    System.arraycopy(valWeightedF1, 0, p.valWeightedF1, 0, epoch);
    System.arraycopy(trainLoss, 0, p.trainLoss, 0, epoch);
    System.arraycopy(epochSeconds, 0, p.epochSeconds, 0, epoch);
    return p;
  }

  /** A batch was trained with this loss. */
  public void stepTaken(double loss) {
    lossSum += loss;
    batches++;
    batch++;
    step++;
  }

  /** A batch was skipped (non-finite loss or gradient); it still uses its step number. */
  public void stepSkipped() {
    skipped++;
    batch++;
    step++;
  }

  /** Seconds spent in the current epoch so far (saved with mid-epoch checkpoints). */
  public void setEpochElapsed(double seconds) {
    this.epochElapsed = seconds;
  }

  /** Mean loss of the batches trained in the current epoch (0 before the first). */
  public double meanLoss() {
    return lossSum / Math.max(1, batches);
  }

  /** Records the finished epoch's time, mean loss and validation weighted-F1. */
  public void finishEpoch(double seconds, double valF1) {
    epochSeconds[epoch] = seconds;
    trainLoss[epoch] = meanLoss();
    valWeightedF1[epoch] = valF1;
  }

  /** Makes the current epoch the selected one, with a copy of its weights (freeing the last). */
  public void select(SelectedWeights weights) {
    select(weights, null);
  }

  /**
   * As {@link #select(SelectedWeights)}, keeping the epoch's validation probabilities: what
   * thresholds and a temperature are fitted on once the cycle is done (never the test set's).
   */
  public void select(SelectedWeights weights, float[][] valProbabilities) {
    selectedValProbabilities = valProbabilities;
    best = epoch;
    if (selectedWeights != null && selectedWeights != weights) {
      selectedWeights.release();
    }
    selectedWeights = weights;
  }

  /**
   * Records the selected epoch's results after the last epoch (its weights are no longer kept):
   * test probabilities; the test predictive draws (null for a system whose prediction has no
   * randomness); the fusion gate's mean activation per test movie (null without a gate); and the
   * predictive mean on the validation set (null without a predictive), on which the report
   * chooses between the point prediction and the predictive mean.
   */
  public void finish(float[][] probabilities, Predictive predictive, float[] gate,
      float[][] valPredictiveMean) {
    this.valPredictiveMean = valPredictiveMean;
    testPredictive = predictive;
    testGate = gate;
    if (!complete() || best < 0) {
      throw new IllegalStateException("test probabilities come after the last epoch, of a"
          + " selected one (epoch " + epoch + " of " + epochs + ", selected " + best + ")");
    }
    testProbabilities = probabilities;
    if (selectedWeights != null) {
      selectedWeights.release();
      selectedWeights = null;
    }
  }

  /** Moves to the start of the next epoch. */
  public void nextEpoch() {
    epoch++;
    batch = 0;
    lossSum = 0;
    batches = 0;
    epochElapsed = 0;
  }

  /** True once every epoch is done. */
  public boolean complete() {
    return epoch >= epochs;
  }

  public int epochs() {
    return epochs;
  }

  /** Epochs done, which is the 0-based index of the epoch in progress. */
  public int epoch() {
    return epoch;
  }

  /** Batches of the current epoch done (trained or skipped). */
  public int batch() {
    return batch;
  }

  /** The next global step (0-based; steps are numbered across epochs). */
  public long step() {
    return step;
  }

  public double lossSum() {
    return lossSum;
  }

  /** Batches of the current epoch trained (not skipped). */
  public int batches() {
    return batches;
  }

  public double epochElapsed() {
    return epochElapsed;
  }

  /** The selected epoch (0-based), or -1 before the first epoch ends. */
  public int best() {
    return best;
  }

  /** The selected epoch's weights while the cycle trains (null once finished). */
  public SelectedWeights selectedWeights() {
    return selectedWeights;
  }

  /**
   * Whether the system's current weights are the selected epoch's: the selected epoch is the
   * last one finished and no batch has run since.
   */
  public boolean selectedIsCurrent() {
    return best >= 0 && epoch == best + 1 && batch == 0;
  }

  /**
   * The selected epoch's validation probabilities (null before the first epoch ends, and in
   * checkpoints written before they were kept).
   */
  public float[][] selectedValProbabilities() {
    return selectedValProbabilities;
  }

  /** The selected epoch's test probabilities, once {@link #finish}ed (else null). */
  public float[][] testProbabilities() {
    return testProbabilities;
  }

  /** The selected epoch's test predictive, once {@link #finish}ed (null if there is none). */
  public Predictive testPredictive() {
    return testPredictive;
  }

  /** The selected epoch's mean gate activation per test movie, once finished (or null). */
  public float[] testGate() {
    return testGate;
  }

  /** The predictive mean on the validation set, once finished (null if there is none). */
  public float[][] valPredictiveMean() {
    return valPredictiveMean;
  }

  public long skipped() {
    return skipped;
  }

  /** Validation weighted-F1 of one finished epoch (0-based), for the selection rule. */
  public double valWeightedF1(int epochIndex) {
    return valWeightedF1[epochIndex];
  }

  /** Validation weighted-F1 of the epochs done. */
  public double[] valWeightedF1() {
    return Arrays.copyOf(valWeightedF1, epoch);
  }

  /** Mean training loss of the epochs done. */
  public double[] trainLoss() {
    return Arrays.copyOf(trainLoss, epoch);
  }

  /** Seconds of the epochs done. */
  public double[] epochSeconds() {
    return Arrays.copyOf(epochSeconds, epoch);
  }

}
