package org.pmm.experiment.run;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.experiment.systems.MultimodalSystem;
import org.pmm.experiment.systems.SystemFactory;
import org.pmm.infer.TrainingState;
import org.pmm.experiment.systems.TrainableSystem;
import org.pmm.params.ParamStore;

/**
 * A real system that goes non-finite at one training step, for the tests of the guards: either
 * its batch carries a NaN text feature at that step (the loss is NaN), or, with
 * {@code nanParameter}, a weight of the classifier is set to NaN after the step (a finite
 * gradient that overflowed a weight: the step itself reports nothing).
 */
final class PoisonedSystem implements TrainableSystem {
  private final TrainableSystem real;
  private final long badStep;
  private final boolean nanParameter;

  private PoisonedSystem(TrainableSystem real, long badStep, boolean nanParameter) {
    this.real = real;
    this.badStep = badStep;
    this.nanParameter = nanParameter;
  }

  /** Builds Java reference systems that go non-finite at {@code badStep}. */
  static SystemFactory factory(long badStep, boolean nanParameter) {
    return (config, rows, seed) -> new PoisonedSystem(MultimodalSystem.create(config, rows, seed),
        badStep, nanParameter);
  }

  @Override
  public double trainStep(Batch batch, long step) {
    if (step == badStep && !nanParameter) {
      INDArray text = batch.text().dup();
      text.putScalar(0, 0, Float.NaN);
      batch = new Batch(text, batch.image(), batch.labels(), batch.rows());
    }
    double loss = real.trainStep(batch, step);
    if (step == badStep && nanParameter) {
      real.store().entry("C.out.W").unconstrained().value().putScalar(0, 0, Float.NaN);
    }
    return loss;
  }

  @Override
  public float[][] predict(INDArray text, INDArray image) {
    return real.predict(text, image);
  }

  @Override
  public ParamStore store() {
    return real.store();
  }

  @Override
  public TrainingState state() {
    return real.state();
  }
}
