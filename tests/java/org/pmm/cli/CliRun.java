package org.pmm.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command line run in this JVM with standard error captured: its exit code and what it said.
 *
 * <pre>{@code
 * CliRun r = CliRun.of("train", "models/gmu.pmm", "--set", "lr=1e30");
 * assertEquals(ExitCodes.TRAINING_STOPPED, r.exit(), r.err());
 * }</pre>
 */
record CliRun(int exit, String err) {
  static CliRun of(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Main.run(args);
    } finally {
      System.setErr(old);
    }
    return new CliRun(exit, err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }
}
