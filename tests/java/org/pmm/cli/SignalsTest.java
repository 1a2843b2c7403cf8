package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmm.base.ExitCodes;
import org.pmm.data.SurrogateGenerator;

/**
 * {@code pmm train} stopped by Ctrl-C (SIGINT) or by SIGTERM (what {@code kill}, {@code timeout}
 * and schedulers send) exits with 130 and says so, naming the output directory to resume from,
 * and keeps its checkpoint. Without handlers the JVM ended SIGTERM with 143 and no message.
 */
class SignalsTest {
  @TempDir
  static Path tmp;
  static Path data;

  @BeforeAll
  static void data() throws IOException {
    data = tmp.resolve("small.h5");
    SurrogateGenerator.write(data, 400, 1, line -> { });
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aSignalStopsTrainingWith130AndSaysWhereToResume(String signal) throws Exception {
    Path out = tmp.resolve("run-" + signal);
    Path checkpoint = out.resolve("checkpoints/gmu-cycle0.ckpt");
    Path err = tmp.resolve("stderr-" + signal + ".txt");
    Process child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), "org.pmm.cli.Main",
        "train", "models/gmu.pmm", "--data", data.toString(), "--set", "hidden=16",
        "--set", "classifier_width=16", "--set", "batch_size=32", "--set", "epochs=500",
        "--checkpoint-every", "3", "--out", out.toString(), "--quiet"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(checkpoint)) {
      if (!child.isAlive()) {
        fail("the run ended (exit " + child.exitValue() + ") first: " + Files.readString(err));
      }
      if (System.nanoTime() > deadline) {
        child.destroyForcibly();
        fail("no checkpoint within 120 s");
      }
      Thread.sleep(10);
    }
    // the shell's own kill: no kill binary needed
    new ProcessBuilder("sh", "-c", "kill -" + signal + " " + child.pid()).start().waitFor();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run stopped");
    String said = Files.readString(err);
    assertEquals(ExitCodes.INTERRUPTED, child.exitValue(), said);
    assertTrue(said.contains("pmm: interrupted (SIG" + signal + "); finished results and the last"
        + " checkpoint are in " + out + " (continue with --resume " + out + ")"), said);
    assertTrue(Files.exists(checkpoint), "the checkpoint stays");
  }
}
