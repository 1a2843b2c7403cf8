package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of OpenBLAS kernels ({@code src/main/sh/openblas-coretype.sh}), run by
 * bash on {@code /proc/cpuinfo}-shaped files: SKYLAKEX only when every AVX-512 subset those
 * kernels use is there, since asking for them elsewhere stops the process on an illegal
 * instruction.
 */
class OpenblasCoretypeScriptTest {
  private static final String ZEN5 = "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sse sse2"
      + " avx fma avx2 avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512_bf16";
  private static final String HASWELL = "flags\t\t: fpu vme de pse tsc sse sse2 avx fma avx2 bmi2";

  @TempDir Path dir;

  @Test
  void asksForSkylakexKernelsOnAnAvx512Processor() throws Exception {
    assertEquals("SKYLAKEX", coretype("processor\t: 0\n" + ZEN5 + "\n\nprocessor\t: 1\n" + ZEN5));
  }

  @Test
  void leavesOpenblasToChooseWithoutEveryAvx512Subset() throws Exception {
    assertEquals("", coretype(HASWELL + "\n"));
    assertEquals("", coretype(ZEN5.replace(" avx512vl", "") + "\n"));
    assertEquals("", coretype(ZEN5.replace(" avx512bw", " avx512bwx") + "\n"));
  }

  @Test
  void leavesOpenblasToChooseWhenTheFileIsMissing() throws Exception {
    assertEquals("", run(dir.resolve("absent").toString()));
  }

  private String coretype(String cpuinfo) throws Exception {
    Path file = dir.resolve("cpuinfo");
    Files.writeString(file, cpuinfo, StandardCharsets.UTF_8);
    return run(file.toString());
  }

  private static String run(String cpuinfo) throws IOException, InterruptedException {
    Path script = Path.of("src/main/sh/openblas-coretype.sh").toAbsolutePath();
    Process p = new ProcessBuilder("bash", "-c", ". \"$0\" && pmm_openblas_coretype \"$1\"",
        script.toString(), cpuinfo).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("script failed: " + out);
    }
    return out;
  }
}
