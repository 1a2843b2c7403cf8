package org.pmm.experiment.report;

/**
 * The training-loss figure of each system, {@code loss-<slug>.png}: the loss per epoch from
 * {@code train_loss}, mean over cycles with a band of one standard deviation (drawn as Figure 2).
 * A PM+MO loss annealed from a small KL weight rises while the weight grows: its curve is read
 * next to the validation F1, not as divergence.
 *
 * <pre>{@code
 * TrainLossFigure.file("gmu");   // "loss-gmu.png"
 * }</pre>
 */
public final class TrainLossFigure {
  private TrainLossFigure() {}

  /** The figure's file name in the output directory. */
  public static String file(String slug) {
    return "loss-" + slug + ".png";
  }
}
