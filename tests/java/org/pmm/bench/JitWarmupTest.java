package org.pmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The warm-up rule on fake clocks: a step advances them as a scripted compiler would. */
class JitWarmupTest {
  /** A step of {@code wallMillis} during which the compiler works {@code compile[i]} ms. */
  private static final class Script {
    final long wallMillis;
    final long[] compile;
    long nanos;
    long compiled;
    int calls;

    Script(long wallMillis, long... compile) {
      this.wallMillis = wallMillis;
      this.compile = compile;
    }

    void step() {
      nanos += wallMillis * 1_000_000;
      compiled += calls < compile.length ? compile[calls] : compile[compile.length - 1];
      calls++;
    }

    JitWarmup.Summary run() {
      return JitWarmup.run(this::step, () -> compiled, () -> nanos);
    }
  }

  @Test
  void stopsOnceAWindowOfStepsHadNoCompilation() {
    long[] compile = new long[11];
    java.util.Arrays.fill(compile, 0, 10, 100);     // ten steps of compiling, then none
    Script s = new Script(100, compile);
    JitWarmup.Summary w = s.run();
    assertEquals(10 + JitWarmup.WINDOW, w.steps());
    assertEquals(w.steps(), s.calls);
    assertEquals(w.steps() * 0.1, w.seconds(), 1e-9);
    assertEquals(1.0, w.compileSeconds(), 1e-9);
  }

  @Test
  void compilationJustUnderTheShareCountsAsSettled() {
    // 1 ms of 100 per step is 1 %, under the 2 % share; 3 ms is over it
    assertEquals(JitWarmup.WINDOW, new Script(100, 1).run().steps());
    assertEquals(JitWarmup.MAX_STEPS, new Script(100, 3).run().steps());
  }

  @Test
  void aCompilerThatNeverSettlesStopsAtTheStepOrTimeLimit() {
    assertEquals(JitWarmup.MAX_STEPS, new Script(10, 50).run().steps());
    Script slow = new Script(10_000, 5_000);       // 10 s steps: the 60 s limit comes first
    assertEquals(6, slow.run().steps());
  }

  @Test
  void withoutACompilationClockItWarmsUpAFixedNumberOfSteps() {
    Script s = new Script(100, 100);
    JitWarmup.Summary w = JitWarmup.run(s::step, null, () -> s.nanos);
    assertEquals(JitWarmup.FALLBACK_STEPS, w.steps());
    assertNull(w.compileSeconds());
  }
}
