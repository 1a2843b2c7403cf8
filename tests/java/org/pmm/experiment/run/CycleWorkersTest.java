package org.pmm.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.tensor.kernels.KernelThreads;

/**
 * Cycles trained at the same time: with one worker a task runs on the awaiting thread when it
 * is awaited; with two, two tasks run at once on their own threads, each core shared out while
 * they do and given back after; the first failure stops the running tasks, keeps queued ones
 * from starting, and is what awaiting any task throws.
 */
class CycleWorkersTest {
  @Test
  void oneWorkerRunsATaskOnTheAwaitingThreadWhenItIsAwaited() throws IOException {
    AtomicBoolean ran = new AtomicBoolean();
    try (CycleWorkers workers = CycleWorkers.start(1)) {
      CycleWorkers.Task<String> task = workers.submit(() -> {
        ran.set(true);
        return Thread.currentThread().getName();
      });
      assertFalse(ran.get(), "a task ran before it was awaited");
      assertEquals(Thread.currentThread().getName(), task.await());
    }
  }

  /** `pmm train` with its one cycle by default: that cycle keeps every core. */
  @Test
  void noMoreWorkersThanTasks() throws IOException {
    int blas = Nd4j.factory().blas().getMaxThreads();
    try (CycleWorkers workers = CycleWorkers.start(2, 1)) {
      assertEquals(1, workers.count());
      assertEquals(blas, workers.submit(() -> Nd4j.factory().blas().getMaxThreads()).await(),
          "BLAS threads of the only task");
    }
    try (CycleWorkers workers = CycleWorkers.start(2, 3)) {
      assertEquals(2, workers.count());
    }
  }

  @Test
  void twoWorkersRunTwoTasksAtOnceAndShareTheCoresWhileTheyRun() throws IOException {
    int blasBefore = Nd4j.factory().blas().getMaxThreads();
    long large = 1L << 30;
    int kernelPartsBefore = KernelThreads.parts(KernelThreads.Work.COMPUTE, large);
    CountDownLatch bothStarted = new CountDownLatch(2);
    try (CycleWorkers workers = CycleWorkers.start(2)) {
      int each = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
      assertEquals(each, Nd4j.factory().blas().getMaxThreads(), "BLAS threads per worker");
      assertEquals(Math.min(each, kernelPartsBefore),
          KernelThreads.parts(KernelThreads.Work.COMPUTE, large), "kernel threads per worker");
      CycleWorkers.Work<String> meetTheOther = () -> {
        bothStarted.countDown();
        try {
          // one worker alone would wait here for ever: the other task never starts
          assertTrue(bothStarted.await(30, TimeUnit.SECONDS), "the other task did not start");
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        return Thread.currentThread().getName();
      };
      CycleWorkers.Task<String> a = workers.submit(meetTheOther);
      CycleWorkers.Task<String> b = workers.submit(meetTheOther);
      String first = a.await();
      String second = b.await();
      assertNotEquals(first, second);
      assertTrue(first.startsWith("pmm-cycle-") && second.startsWith("pmm-cycle-"), first);
    }
    assertEquals(blasBefore, Nd4j.factory().blas().getMaxThreads(), "BLAS threads given back");
    assertEquals(kernelPartsBefore, KernelThreads.parts(KernelThreads.Work.COMPUTE, large),
        "kernel threads given back");
  }

  @Test
  void theFirstFailureStopsTheRunningTaskKeepsQueuedOnesFromStartingAndIsThrown() {
    IOException diskFull = new IOException("disk full");
    AtomicBoolean queuedRan = new AtomicBoolean();
    AtomicBoolean sawStop = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(1);
    CycleWorkers workers = CycleWorkers.start(2);
    CycleWorkers.Task<String> longCycle = workers.submit(() -> {
      running.countDown();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!workers.stopping() && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      sawStop.set(workers.stopping());
      throw new CycleWorkers.Stopped("the long cycle");
    });
    CycleWorkers.Task<String> failing = workers.submit(() -> {
      try {
        running.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      throw diskFull;
    });
    CycleWorkers.Task<String> queued = workers.submit(() -> {
      queuedRan.set(true);
      return "ran";
    });
    // awaiting the task that was stopped throws the failure that stopped it
    assertSame(diskFull, assertThrows(IOException.class, longCycle::await));
    assertSame(diskFull, assertThrows(IOException.class, failing::await));
    assertSame(diskFull, assertThrows(IOException.class, queued::await));
    assertTrue(sawStop.get(), "the running task did not see the stop");
    assertFalse(queuedRan.get(), "a queued task started after a failure");
    workers.close();
  }

  @Test
  void workersAreAtLeastOne() {
    assertThrows(IllegalArgumentException.class, () -> CycleWorkers.start(0));
    assertTrue(CycleWorkers.defaultCount() >= 1);
  }
}
