package org.pmm.tensor;

import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.abstracts.Nd4jWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.ProfilerConfig;

/**
 * The native memory of a training step as one block reused by every step: an ND4J workspace
 * that every array created during the step is carved from, handed back whole when the step
 * ends. Without it a step mallocs and frees the same few hundred arrays every time, and what
 * that costs depends on the C allocator: glibc's returns large blocks to the kernel and faults
 * fresh pages in on every step (PM+MO's bench step 2.5 times as long as with jemalloc, and a
 * resident size of 7 GB against 1 GB).
 *
 * <p>The first step runs outside the block and measures it; from the second step on, the block
 * holds the whole step (grown, should a later step need more). Arrays that live longer than a
 * step (parameters, their gradient buffers, optimiser state, running statistics, baselines)
 * are made with {@link #outside} or copied out with {@link #keep}; an array of a finished step
 * must not be read again (ND4J's workspace checks, on in the tests, throw if an operation does).
 * {@code -Dpmm.arena=false} turns the arena off; {@code -Dpmm.arena.check=true} (set for the
 * tests) makes every ND4J operation check that its arrays belong to an open step.
 *
 * <pre>{@code
 * try (StepArena arena = StepArena.open(); StepScope scope = StepScope.open()) {
 *   loss.backward();
 *   state = StepArena.keep(newState);   // survives the step
 * }
 * }</pre>
 */
public final class StepArena implements AutoCloseable {
  /** Whether training steps run in the arena ({@code -Dpmm.arena=false} to compare without). */
  public static final boolean ENABLED =
      Boolean.parseBoolean(System.getProperty("pmm.arena", "true"));
  private static final String ID = "pmm-step";
  private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
      .initialSize(0)
      .overallocationLimit(0.1)
      .policyAllocation(AllocationPolicy.OVERALLOCATE)
      .policyLearning(LearningPolicy.FIRST_LOOP)
      .policySpill(SpillPolicy.REALLOCATE)
      .build();
  private static final StepArena NONE = new StepArena(null);

  static {
    if (Boolean.getBoolean("pmm.arena.check")) {
      // every ND4J operation checks that its arrays' workspace is still open and of the current
      // step: reading an array of a finished step throws instead of reading reused memory
      Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkWorkspaces(true)
          .build());
    }
  }

  private final MemoryWorkspace workspace;

  private StepArena(MemoryWorkspace workspace) {
    this.workspace = workspace;
  }

  /**
   * Opens the arena on this thread for one step; a no-op (returning a handle that does nothing)
   * when it is off or already open.
   */
  public static StepArena open() {
    if (!ENABLED || Nd4j.getMemoryManager().getCurrentWorkspace() != null) {
      return NONE;
    }
    return new StepArena(Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, ID));
  }

  /** Runs {@code make} with no workspace active: what it creates outlives the step. */
  public static <T> T outside(Supplier<T> make) {
    if (Nd4j.getMemoryManager().getCurrentWorkspace() == null) {
      return make.get();
    }
    try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return make.get();
    }
  }

  /** {@code a} itself if it does not live in a workspace, else a copy that does not. */
  public static INDArray keep(INDArray a) {
    if (a == null || !a.isAttached()) {
      return a;
    }
    return outside(a::dup);
  }

  /** Bytes of the arena's block on this thread (0 before it exists), for memory reports. */
  public static long bytes() {
    MemoryWorkspace w = existing();
    return w == null ? 0 : w.getCurrentSize();
  }

  /**
   * Bytes the steps on this thread have allocated beyond the block so far (malloc'ed and freed
   * per step, as without an arena): 0 once the block has learned the step's size and nothing
   * outgrows it.
   */
  public static long spilledBytes() {
    MemoryWorkspace w = existing();
    return w instanceof Nd4jWorkspace n ? n.getSpilledSize() : 0;
  }

  /**
   * Frees this thread's block, after a piece of work whose steps will not come again (a training
   * cycle): the block keeps the size of the largest step it held, and a thread that trained a
   * 1024-wide cycle would otherwise keep that cycle's block through every smaller one after it.
   * The next step on this thread measures and makes a block of its own.
   */
  public static void releaseOnThisThread() {
    MemoryWorkspace w = existing();
    if (w != null && Nd4j.getMemoryManager().getCurrentWorkspace() == null) {
      Nd4j.getWorkspaceManager().destroyWorkspace(w);
    }
  }

  private static MemoryWorkspace existing() {
    if (!Nd4j.getWorkspaceManager().checkIfWorkspaceExists(ID)) {
      return null;
    }
    return Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(CONFIG, ID);
  }

  @Override
  public void close() {
    if (workspace != null) {
      workspace.close();
    }
  }
}
