package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;

/**
 * {@code pmm bench --out} that cannot be written is refused before the benchmark runs (it took
 * minutes to learn it, and the figures were lost): a directory, or a path below a file. The
 * refusal comes before the GEMM rate is measured, so its message is the only line printed.
 */
class BenchOutputCheckTest {
  @TempDir
  Path tmp;

  @Test
  void anUnwritableOutIsRefusedBeforeAnythingIsMeasured() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    for (Path out : new Path[] {tmp, file.resolve("bench.json")}) {
      CliRun r = CliRun.of("bench", "--systems", "gmu", "--steps", "1", "--out", out.toString());
      int exit = r.exit();
      String said = r.err();
      assertEquals(ExitCodes.BAD_INPUT, exit, said);
      assertTrue(said.startsWith("pmm: error: cannot write --out '" + out + "': "), said);
      assertTrue(!said.contains("measuring"), "nothing was measured: " + said);
    }
  }
}
