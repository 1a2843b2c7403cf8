package org.pmm.experiment.run;

import java.io.IOException;
import org.pmm.experiment.checkpoint.CycleCheckpoint;
import org.pmm.experiment.checkpoint.CycleCheckpoints;
import org.pmm.experiment.checkpoint.CycleProgress;
import org.pmm.experiment.systems.TrainableSystem;

/**
 * Checkpoints that pass every call to real ones, for tests to override the calls they make fail
 * or change. {@link #flush} passes too, so that a checkpoint written in the background before a
 * simulated failure is on disk when the test reads it.
 */
class ForwardingCheckpoints implements CycleCheckpoints {
  private final CycleCheckpoints real;

  ForwardingCheckpoints(CycleCheckpoints real) {
    this.real = real;
  }

  @Override
  public CycleCheckpoint latest() throws IOException {
    return real.latest();
  }

  @Override
  public void save(CycleProgress progress, TrainableSystem system) throws IOException {
    real.save(progress, system);
  }

  @Override
  public void complete(CycleProgress progress, TrainableSystem system) throws IOException {
    real.complete(progress, system);
  }

  @Override
  public void flush() throws IOException {
    real.flush();
  }

  @Override
  public long everySteps() {
    return real.everySteps();
  }
}
