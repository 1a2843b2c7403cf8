package org.pmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bench/gpu-check.sh} can show without a GPU: its argument handling, that it stops
 * with a clear message before building anything when there is no usable GPU, and that a usable
 * one leads on to the build. The nvidia-smi it asks is a stand-in (NVIDIA_SMI), and so is mvn
 * where the build would start, so these cases hold on a GPU machine too.
 */
class GpuCheckScriptTest {
  private static final Path SCRIPT = Path.of("bench", "gpu-check.sh");

  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private Run run(String smi, String... args) throws IOException, InterruptedException {
    return run(smi, null, args);
  }

  /** With {@code path} first on PATH when not null (for a stand-in mvn). */
  private Run run(String smi, Path path, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("NVIDIA_SMI", smi);
    if (path != null) {
      pb.environment().put("PATH", path + ":" + System.getenv("PATH"));
    }
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gpu-check.sh did not stop");
    return new Run(p.exitValue(), out, err);
  }

  private String fakeSmi(String body) throws IOException {
    Path p = tmp.resolve("nvidia-smi");
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p.toString();
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  @Test
  void withoutNvidiaSmiItFailsAtTheFirstStep() throws Exception {
    Path missing = tmp.resolve("no-nvidia-smi");
    Run r = run(missing.toString());
    assertEquals(1, r.exit());
    assertEquals("gpu-check: FAILED: no NVIDIA driver: '" + missing + "' not found. This check"
        + " needs a machine with an NVIDIA GPU and its driver.", lastLine(r.err()));
    assertTrue(r.err().contains("1/5") && !r.err().contains("2/5"), r.err());
  }

  @Test
  void aDriverThatDoesNotAnswerIsQuoted() throws Exception {
    Run r = run(fakeSmi("echo 'NVIDIA-SMI has failed because it could not communicate'; exit 9"));
    assertEquals(1, r.exit());
    assertTrue(lastLine(r.err()).endsWith("could not talk to the driver: NVIDIA-SMI has failed"
        + " because it could not communicate"), r.err());
  }

  @Test
  void noGpuListedAndAnOldDriverAreRefused() throws Exception {
    Run none = run(fakeSmi(""));
    assertEquals(1, none.exit());
    assertTrue(lastLine(none.err()).endsWith("lists no GPU."), none.err());
    Run old = run(fakeSmi("echo 'Tesla K80, 418.67, 11441 MiB'"));
    assertEquals(1, old.exit());
    assertEquals("gpu-check: FAILED: driver 418.67 is too old for CUDA 11.6 (needs 450.80.02 or"
        + " newer).", lastLine(old.err()));
    assertTrue(!old.err().contains("2/5"), old.err());
  }

  @Test
  void aGpuThisBuildHasNoKernelsForIsRefusedBeforeTheBuild() throws Exception {
    for (String[] gpu : new String[][] {{"NVIDIA H100, 535.54.03, 81559 MiB", "9.0"},
        {"Tesla K40m, 470.82.01, 11441 MiB", "3.5"}}) {
      Run r = run(fakeSmi("case \"$*\" in *compute_cap*) echo " + gpu[1] + " ;; *) echo '"
          + gpu[0] + "' ;; esac"));
      assertEquals(1, r.exit(), r.err());
      assertEquals("gpu-check: FAILED: compute capability " + gpu[1] + ": ND4J's CUDA 11.6 build"
          + " has kernels for 3.7 to 8.6 only.", lastLine(r.err()));
      assertTrue(!r.err().contains("2/5"), r.err());
    }
  }

  @Test
  void aSupportedGpuPassesTheFirstStepAndABuildFailureIsReported() throws Exception {
    String smi = fakeSmi("case \"$*\" in *compute_cap*) echo 3.7 ;;"
        + " *) echo 'Tesla K80, 470.82.01, 11441 MiB' ;; esac");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path mvn = bin.resolve("mvn");     // a stand-in: no 2.4 GB download in a test
    Files.writeString(mvn, "#!/bin/sh\necho \"mvn $*\" >&2\nexit 1\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));
    Run r = run(smi, bin);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("gpu-check:   Tesla K80, 470.82.01, 11441 MiB"), r.err());
    assertTrue(r.err().contains(" -Pcuda -DskipTests package"), r.err());
    assertEquals("gpu-check: FAILED: the -Pcuda build failed (see above).", lastLine(r.err()));
  }

  @Test
  void badArgumentsAreUsageErrorsAndHelpIsNot() throws Exception {
    String smi = tmp.resolve("unused").toString();
    Run steps = run(smi, "--steps", "0");
    assertEquals(2, steps.exit());
    assertTrue(steps.err().startsWith("gpu-check: --steps needs a positive integer, got '0'"));
    Run unknown = run(smi, "--gpu");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().startsWith("gpu-check: unknown argument '--gpu'"), unknown.err());
    Run missing = run(smi, "--out");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().startsWith("gpu-check: --out needs a value"), missing.err());
    Run help = run(smi, "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("usage: bench/gpu-check.sh [--out FILE.json] [--steps N]"));
  }
}
