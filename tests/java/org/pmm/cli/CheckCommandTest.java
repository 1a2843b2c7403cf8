package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pmm check}: "FILE: ok" and exit 0, or canonical errors on stderr and exit 1. */
class CheckCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void okFiles() {
    assertEquals(0, run("check", "models/pmmo.pmm", "models/gmu.pmm"));
    assertEquals("models/pmmo.pmm: ok\nmodels/gmu.pmm: ok\n", out.toString().replace("\r", ""));
  }

  @Test
  void errorsGoToStandardErrorWithTheSourceLine(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("bad.pmm");
    Files.writeString(file, "model m {\n    W_t ~ Laplce(0, 1)[3]\n}\n");
    assertEquals(1, run("check", file.toString()));
    assertEquals(file + ":2:11: error: unknown distribution 'Laplce'; did you mean 'Laplace'?\n"
        + "        W_t ~ Laplce(0, 1)[3]\n"
        + "              ^\n", err.toString().replace("\r", ""));
  }

  @Test
  void aNoteSaysWhenTheEstimatorComputesExactlyAnothers() {
    assertEquals(0, run("check", "models/pmmo.pmm", "--set", "elbo=tracegraph"));
    assertEquals("models/pmmo.pmm: ok\nmodels/pmmo.pmm: note: objective fusion: estimator"
        + " 'tracegraph' computes exactly 'trace''s loss and gradients here (every latent site of"
        + " the guide is reparameterised, so there is no score-function term)\n",
        out.toString().replace("\r", ""));
  }

  @Test
  void setIsChecked() {
    assertEquals(1, run("check", "models/pmmo.pmm", "--set", "hiden=10"));
    assertTrue(err.toString().contains("--set: error: unknown hyperparameter 'hiden' for models/pmmo.pmm; did you mean 'hidden'?"));
    assertEquals(2, run("check", "models/pmmo.pmm", "--set", "novalue"));
  }
}
