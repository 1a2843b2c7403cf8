package org.pmm.experiment.checkpoint;

import java.io.IOException;
import org.pmm.experiment.systems.TrainableSystem;

/**
 * Where the training loop of one cycle saves its checkpoints and finds the one to resume from.
 *
 * <pre>{@code
 * CycleCheckpoints c = directory.cycle("gmu", 0, seed);
 * CycleCheckpoint from = c.latest();          // null: start afresh
 * c.save(progress, system);                   // after an epoch, or every N steps
 * c.complete(progress, system);               // results and final parameters; no more resuming
 * c.flush();                                  // when training stops early: the last save on disk
 * }</pre>
 */
public interface CycleCheckpoints {
  /** The checkpoint to continue from (complete if the cycle finished), or null. */
  CycleCheckpoint latest() throws IOException;

  /**
   * Saves the cycle's position and the system's state; the previous checkpoint is replaced. The
   * state is read before this returns (training may go on), but the file may still be being
   * written: a failure to write it is thrown by the next call or by {@link #flush}.
   */
  void save(CycleProgress progress, TrainableSystem system) throws IOException;

  /** Marks the cycle finished, keeping its results and the final parameters (on disk when done). */
  void complete(CycleProgress progress, TrainableSystem system) throws IOException;

  /** Waits until every checkpoint saved is on disk, throwing the failure of one that is not. */
  default void flush() throws IOException {}

  /** Steps between mid-epoch checkpoints, or 0 for checkpoints at epoch ends only. */
  long everySteps();

  /** A finished cycle's checkpoint, already read: its results, and no more saving. */
  static CycleCheckpoints finished(CycleCheckpoint done) {
    if (!done.complete()) {
      throw new IllegalArgumentException("checkpoint of " + done.system() + " cycle "
          + (done.cycle() + 1) + " is not of a finished cycle");
    }
    return new CycleCheckpoints() {
      @Override
      public CycleCheckpoint latest() {
        return done;
      }

      @Override
      public void save(CycleProgress progress, TrainableSystem system) {
        throw new IllegalStateException("a finished cycle is not trained again");
      }

      @Override
      public void complete(CycleProgress progress, TrainableSystem system) {
        throw new IllegalStateException("a finished cycle is not trained again");
      }

      @Override
      public long everySteps() {
        return 0;
      }
    };
  }

  /** No checkpoints: a cycle always starts afresh and saves nothing. */
  static CycleCheckpoints none() {
    return new CycleCheckpoints() {
      @Override
      public CycleCheckpoint latest() {
        return null;
      }

      @Override
      public void save(CycleProgress progress, TrainableSystem system) {}

      @Override
      public void complete(CycleProgress progress, TrainableSystem system) {}

      @Override
      public long everySteps() {
        return 0;
      }
    };
  }
}
