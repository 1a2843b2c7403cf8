package org.pmm.lang.compile;

import java.util.HashMap;
import java.util.Map;

/**
 * One evaluation of the program: a training step or a prediction. Holds what every frame of
 * that evaluation shares: the data, the mode, the frames of the models already run (so that
 * {@code fusion.z} is computed once per step) and the subsample indices of each plate (so that
 * guide and model see the same rows).
 */
final class Run {
  final CompiledProgram program;
  final DataBinding data;
  final Mode mode;
  final long step;
  private final Frame[] modelFrames;
  final Map<String, long[]> plateIndices = new HashMap<>();

  Run(CompiledProgram program, DataBinding data, Mode mode, long step) {
    this.program = program;
    this.data = data;
    this.mode = mode;
    this.step = step;
    this.modelFrames = new Frame[program == null ? 0 : program.modelCount()];
  }

  boolean training() {
    return mode == Mode.TRAIN;
  }

  /** Whether latent sites take the guide's locations (prediction without guide draws). */
  boolean atGuideMeans() {
    return mode == Mode.PREDICT_MEAN || mode == Mode.PREDICT_DROPOUT;
  }

  /**
   * The stream dropout masks come from: training's own stream while training, the prediction
   * stream for MC dropout, none otherwise (dropout off).
   */
  org.pmm.tensor.RandomStream dropoutRng() {
    return switch (mode) {
      case TRAIN -> program.rng();
      case PREDICT_DROPOUT -> program.predictionRng();
      default -> null;
    };
  }

  /** Whether sample sites and plates go through the handler stack (training, posterior predictive). */
  boolean traced() {
    return mode == Mode.TRAIN || mode == Mode.POSTERIOR;
  }

  /** The frame of model {@code index} in this run, running it first if no objective did. */
  Frame model(int index) {
    Frame f = modelFrames[index];
    if (f == null) {
      f = program.runModel(index, this);
      modelFrames[index] = f;
    }
    return f;
  }

  void setModel(int index, Frame frame) {
    modelFrames[index] = frame;
  }

  boolean hasModel(int index) {
    return modelFrames[index] != null;
  }
}
