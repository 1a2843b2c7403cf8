package org.pmm.experiment.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.experiment.metrics.Calibration;
import org.pmm.experiment.metrics.DecisionThreshold;
import org.pmm.experiment.metrics.F1Scores;
import org.pmm.experiment.metrics.GenreScore;
import org.pmm.experiment.metrics.MultilabelF1;
import org.pmm.experiment.metrics.SelectivePrediction;
import org.pmm.experiment.metrics.TemperatureScaling;
import org.pmm.experiment.metrics.TunedThresholds;
import org.pmm.lang.compile.Predictive;
import org.pmm.experiment.metrics.PerGenreF1;

/**
 * One training-and-test cycle of one system, as an element of {@code systems[].cycles} in
 * {@code results.json}: the seed, the tested epoch (1-based, the best validation epoch under
 * {@code select=best}), the test scores, the per-genre scores in column order, and the per-epoch
 * curves, and the calibration of the test probabilities ({@link Calibration}: ECE, Brier, NLL).
 * {@code skipped_batches} and {@code calibration} are optional (omitted when null).
 *
 * <pre>{@code
 * CycleResult c = CycleResult.evaluate(seed, bestEpoch, genres, testProbabilities, testLabels,
 *     0.5, valWeightedF1, trainLoss, epochSeconds);
 * }</pre>
 */
public record CycleResult(
    long seed,
    @JsonProperty("selected_epoch") int selectedEpoch,
    F1Scores test,
    @JsonProperty("per_genre") Map<String, GenreScore> perGenre,
    @JsonProperty("val_weighted_f1") List<Double> valWeightedF1,
    @JsonProperty("train_loss") List<Double> trainLoss,
    @JsonProperty("epoch_seconds") List<Double> epochSeconds,
    @JsonProperty("skipped_batches") @JsonInclude(JsonInclude.Include.NON_NULL)
        Long skippedBatches,
    @JsonInclude(JsonInclude.Include.NON_NULL) Calibration.Scores calibration,
    @JsonProperty("tuned_thresholds") @JsonInclude(JsonInclude.Include.NON_NULL)
        Tuned tunedThresholds,
    @JsonProperty("temperature_scaled") @JsonInclude(JsonInclude.Include.NON_NULL)
        Tempered temperatureScaled,
    @JsonInclude(JsonInclude.Include.NON_NULL) PredictiveScores predictive,
    @JsonInclude(JsonInclude.Include.NON_NULL) GateActivation gate) {

  /**
   * What the fusion gate learned: its mean activation (the image representation's share,
   * averaged over units) over the test movies, and over the test movies of each genre (genres
   * without a test movie left out).
   */
  public record GateActivation(double mean, @JsonProperty("per_genre") Map<String, Double> perGenre) {}

  /**
   * The test predictive's mean scored as the probabilities are (F1 at the threshold,
   * calibration), its mean standard deviation over every movie × genre pair, and the area under
   * the selective-prediction curve of the mean with movies ranked by their margin and by their
   * predictive standard deviation ({@link SelectivePrediction}): whether the spread ranks the
   * errors better than the probabilities themselves; and the weighted F1 of the predictive
   * mean on the validation set ({@code val_weighted}), to choose it or the point prediction
   * without looking at the test set ({@link CycleResult#choosesPredictiveMean}).
   *
   * @param method "guide samples" or "MC dropout"
   */
  public record PredictiveScores(String method, int samples, F1Scores test,
      Calibration.Scores calibration, @JsonProperty("mean_sd") double meanSd,
      @JsonProperty("selective_area_by_margin") double selectiveAreaByMargin,
      @JsonProperty("selective_area_by_sd") double selectiveAreaBySd,
      @JsonProperty("val_weighted") @JsonInclude(JsonInclude.Include.NON_NULL)
          Double valWeighted) {}

  /**
   * Test scores with one threshold per genre, each tuned on the validation set
   * ({@link TunedThresholds}).
   */
  public record Tuned(Map<String, Double> thresholds, F1Scores test) {}

  /**
   * The test probabilities' calibration at the temperature fitted on the validation set
   * ({@link TemperatureScaling}).
   */
  public record Tempered(double temperature, double ece, double brier, double nll) {}

  /** Keeps the genre order and makes the record immutable. */
  public CycleResult {
    perGenre = Collections.unmodifiableMap(new LinkedHashMap<>(perGenre));
    valWeightedF1 = List.copyOf(valWeightedF1);
    trainLoss = List.copyOf(trainLoss);
    epochSeconds = List.copyOf(epochSeconds);
  }

  /** The same cycle with the number of batches skipped for a non-finite loss or gradient. */
  public CycleResult withSkippedBatches(long skipped) {
    return new CycleResult(seed, selectedEpoch, test, perGenre, valWeightedF1, trainLoss,
        epochSeconds, skipped, calibration, tunedThresholds, temperatureScaled, predictive, gate);
  }

  /**
   * The same cycle with thresholds and a temperature fitted on the selected epoch's validation
   * probabilities and applied to its test probabilities.
   */
  public CycleResult withValidationFits(List<String> genres, double[][] testProbabilities,
      int[][] testLabels, float[][] valProbabilities, int[][] valLabels, double threshold) {
    double[] t = TunedThresholds.fit(valProbabilities, valLabels, threshold);
    Map<String, Double> thresholds = new LinkedHashMap<>();
    for (int j = 0; j < t.length; j++) {
      thresholds.put(genres.get(j), t[j]);
    }
    Tuned tuned = new Tuned(thresholds,
        MultilabelF1.score(testLabels, TunedThresholds.apply(testProbabilities, t)));
    double temperature = TemperatureScaling.fit(valProbabilities, valLabels);
    Calibration.Scores c = Calibration.of(TemperatureScaling.apply(testProbabilities,
        temperature), asDoubles(testLabels), Calibration.BINS);
    return new CycleResult(seed, selectedEpoch, test, perGenre, valWeightedF1, trainLoss,
        epochSeconds, skippedBatches, calibration, tuned,
        new Tempered(temperature, c.ece(), c.brier(), c.nll()), predictive, gate);
  }

  /**
   * The same cycle with its test predictive scored (F1 at {@code threshold} of its mean), and
   * the predictive mean on the validation set scored too ({@code valMean} null when it was not
   * drawn).
   */
  public CycleResult withPredictive(Predictive p, int[][] testLabels, double threshold,
      float[][] valMean, int[][] valLabels) {
    double[][] mean = new double[p.mean().length][];
    double sdSum = 0;
    long pairs = 0;
    for (int i = 0; i < mean.length; i++) {
      mean[i] = new double[p.mean()[i].length];
      for (int j = 0; j < mean[i].length; j++) {
        mean[i][j] = p.mean()[i][j];
        sdSum += p.sd()[i][j];
        pairs++;
      }
    }
    PredictiveScores scores = new PredictiveScores(p.method().label(), p.samples(),
        MultilabelF1.score(mean, testLabels, threshold),
        Calibration.of(mean, asDoubles(testLabels), Calibration.BINS),
        pairs == 0 ? 0 : sdSum / pairs,
        SelectivePrediction.curve(mean, testLabels, threshold).area(),
        SelectivePrediction.curve(mean, testLabels, threshold,
            SelectivePrediction.confidenceFromSpread(p.sd())).area(),
        valMean == null ? null : MultilabelF1.score(valMean, valLabels, threshold).weighted());
    return new CycleResult(seed, selectedEpoch, test, perGenre, valWeightedF1, trainLoss,
        epochSeconds, skippedBatches, calibration, tunedThresholds, temperatureScaled, scores,
        gate);
  }

  /**
   * Whether the predictive mean scored higher than the point prediction on the validation set
   * (the selected epoch's validation weighted F1): the choice between them made without the
   * test set. False without a validation score of the predictive mean.
   */
  public boolean choosesPredictiveMean() {
    return predictive != null && predictive.valWeighted() != null && selectedEpoch >= 1
        && selectedEpoch <= valWeightedF1.size()
        && predictive.valWeighted() > valWeightedF1.get(selectedEpoch - 1);
  }

  /** The test weighted F1 of the prediction chosen on validation ({@link #choosesPredictiveMean}). */
  public double chosenWeighted() {
    return choosesPredictiveMean() ? predictive.test().weighted() : test.weighted();
  }

  /** The same cycle with the gate's mean activation per test movie summarised. */
  public CycleResult withGate(List<String> genres, float[] perMovie, int[][] testLabels) {
    double all = 0;
    double[] sum = new double[genres.size()];
    int[] count = new int[genres.size()];
    for (int i = 0; i < perMovie.length; i++) {
      all += perMovie[i];
      for (int j = 0; j < genres.size(); j++) {
        if (testLabels[i][j] == 1) {
          sum[j] += perMovie[i];
          count[j]++;
        }
      }
    }
    Map<String, Double> byGenre = new LinkedHashMap<>();
    for (int j = 0; j < genres.size(); j++) {
      if (count[j] > 0) {
        byGenre.put(genres.get(j), sum[j] / count[j]);
      }
    }
    GateActivation g = new GateActivation(perMovie.length == 0 ? 0 : all / perMovie.length,
        byGenre);
    return new CycleResult(seed, selectedEpoch, test, perGenre, valWeightedF1, trainLoss,
        epochSeconds, skippedBatches, calibration, tunedThresholds, temperatureScaled, predictive,
        g);
  }

  /** A cycle without validation fits. */
  public CycleResult(long seed, int selectedEpoch, F1Scores test, Map<String, GenreScore> perGenre,
      List<Double> valWeightedF1, List<Double> trainLoss, List<Double> epochSeconds,
      Long skippedBatches, Calibration.Scores calibration) {
    this(seed, selectedEpoch, test, perGenre, valWeightedF1, trainLoss, epochSeconds,
        skippedBatches, calibration, null, null, null, null);
  }

  /** A cycle without the optional fields. */
  public CycleResult(long seed, int selectedEpoch, F1Scores test, Map<String, GenreScore> perGenre,
      List<Double> valWeightedF1, List<Double> trainLoss, List<Double> epochSeconds) {
    this(seed, selectedEpoch, test, perGenre, valWeightedF1, trainLoss, epochSeconds, null, null,
        null, null, null, null);
  }

  /**
   * Scores test probabilities (rows × genres, thresholded with {@code p >= threshold}) and builds
   * the cycle record; the curves are per epoch, in order.
   */
  public static CycleResult evaluate(long seed, int selectedEpoch, List<String> genres,
      double[][] probabilities, int[][] labels, double threshold, double[] valWeightedF1,
      double[] trainLoss, double[] epochSeconds) {
    int[][] predicted = DecisionThreshold.apply(probabilities, threshold);
    List<GenreScore> scores = PerGenreF1.score(labels, predicted);
    if (labels.length > 0 && scores.size() != genres.size()) {
      throw new IllegalArgumentException("labels have " + scores.size() + " columns but "
          + genres.size() + " genre names were given");
    }
    Map<String, GenreScore> perGenre = new LinkedHashMap<>();
    for (int j = 0; j < scores.size(); j++) {
      perGenre.put(genres.get(j), scores.get(j));
    }
    Calibration.Scores calibration = probabilities.length == 0 ? null
        : Calibration.of(probabilities, asDoubles(labels), Calibration.BINS);
    return new CycleResult(seed, selectedEpoch, MultilabelF1.score(labels, predicted), perGenre,
        boxed(valWeightedF1), boxed(trainLoss), boxed(epochSeconds), null, calibration, null,
        null, null, null);
  }

  private static double[][] asDoubles(int[][] labels) {
    double[][] out = new double[labels.length][];
    for (int r = 0; r < labels.length; r++) {
      out[r] = java.util.Arrays.stream(labels[r]).asDoubleStream().toArray();
    }
    return out;
  }

  static List<Double> boxed(double[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
