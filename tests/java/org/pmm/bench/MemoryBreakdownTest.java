package org.pmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench's memory breakdown against counts made from the architecture (docs/pmmo.md). */
class MemoryBreakdownTest {
  private static final double MB = 1024.0 * 1024.0;

  @Test
  void gmuAtTheQuickConfigCountsItsParametersGradientsAndAdamMoments() {
    StepBenchmark.Session s = StepBenchmark.prepare("gmu", "quick");
    BenchResult row = s.result(s.time(3));
    MemoryBreakdown m = row.memory();

    long h = 256;
    long w = 256;
    long k = 2;
    long fusion = (300 * h + h) + (4096 * h + h) + (2 * h * h + h);
    long classifier = 2 * h + (h * w * k + w * k) + 2 * w + (w * w * k + w * k) + 2 * w
        + (w * 23 + 23);
    double parameters = (fusion + classifier) * 4 / MB;
    assertEquals(parameters, m.parametersMb(), 0.05);
    // every parameter keeps one gradient buffer and Adam keeps two moments of its shape
    assertEquals(parameters, m.gradientsMb(), 0.05);
    assertEquals(2 * parameters, m.optimiserStateMb(), 0.05);
    // running mean and variance of the two input and three classifier batch norms
    assertEquals(2 * (300 + 4096 + h + w + w) * 4 / MB, m.runningStatisticsMb(), 0.05);
    assertEquals(512 * (300 + 4096 + 23) * 4 / MB, m.dataMb(), 0.05);
    // a step produces at least the normalised image batch and the fused representation
    assertTrue(m.stepWorkingSetMb() > (512 * 4096 + 512 * h) * 4 / MB, m::toString);
    assertEquals(m.rssMb() - m.baselineRssMb(), m.aboveBaselineMb());
    assertEquals(m.aboveBaselineMb() - parameters - m.gradientsMb() - m.optimiserStateMb()
        - m.runningStatisticsMb() - m.stepWorkingSetMb() - m.dataMb() - m.jvmHeapGrowthMb(),
        m.unaccountedMb(), 0.3);
    // three timed steps after the warm-up and the step whose GEMMs were recorded: growth from
    // the first of them, or from the second epoch's first step (31 steps of 512 rows an epoch)
    // when that is among them
    long first = row.warmup().steps() + 1;
    assertEquals(first < 31 && 31 < first + 3 ? 31 : first, m.rssGrowthFromStep());
    assertTrue(m.heapAllocatedMbPerStep() >= 0, m::toString);
  }

  @Test
  void heapAllocationCountsAnArrayThisThreadAllocates() {
    long before = ProcessMemory.heapAllocatedBytes();
    byte[] block = new byte[64 << 20];
    long after = ProcessMemory.heapAllocatedBytes();
    assertTrue(after - before >= block.length, (after - before) + " bytes counted");
  }
}
