package org.pmm.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/pytorch_reference.py --serve} as a subprocess: it builds the same system in
 * PyTorch, warms up, and then times rounds of steps on request, so that {@code pmm bench
 * --compare-pytorch} can alternate them with pmm's own rounds. While one side runs its round
 * the other waits, blocked on a pipe. The script's standard error goes to pmm's.
 *
 * <pre>{@code
 * Path script = PytorchReference.script(Path.of(System.getProperty("pmm.home", ".")));
 * try (PytorchReference torch = PytorchReference.start(
 *     List.of(PythonFinder.find(System.getenv())), script, "gmu", "bench", 2)) {
 *   double[] seconds = torch.time(5);
 * }
 * }</pre>
 */
public final class PytorchReference implements Stepper, AutoCloseable {
  /** The script, relative to the pmm home directory. */
  public static final String SCRIPT = "bench/pytorch_reference.py";

  private static final long EXIT_SECONDS = 30;
  private final Process process;
  private final BufferedReader replies;
  private final Writer requests;
  private final ReferenceReplies.Ready ready;

  private PytorchReference(Process process) {
    this.process = process;
    this.replies = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.ready = ReferenceReplies.ready(readLine());
  }

  /** The script under {@code home}; throws when it is missing. */
  public static Path script(Path home) {
    Path script = home.resolve(SCRIPT);
    if (!Files.isRegularFile(script)) {
      throw new PytorchReferenceException(SCRIPT + " not found under " + home.toAbsolutePath()
          + " (run pmm through the ./pmm launcher, which sets pmm.home)");
    }
    return script;
  }

  /**
   * Starts the reference for one system and configuration and waits until it is ready (built
   * and warmed up). {@code python} is the interpreter command, e.g. {@code List.of("python3")}.
   */
  public static PytorchReference start(List<String> python, Path script, String system,
      String config, int threads) {
    List<String> command = new java.util.ArrayList<>(python);
    command.addAll(List.of(script.toString(), "--serve", "--systems", system, "--config", config,
        "--threads", Integer.toString(threads)));
    Process process;
    try {
      process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
    } catch (IOException e) {
      throw new PytorchReferenceException("cannot start " + String.join(" ", command) + ": "
          + e.getMessage(), e);
    }
    try {
      return new PytorchReference(process);
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The torch version and thread count the reference reported. */
  public ReferenceReplies.Ready ready() {
    return ready;
  }

  @Override
  public double[] time(int steps) {
    try {
      requests.write(steps + "\n");
      requests.flush();
    } catch (IOException e) {
      throw new PytorchReferenceException("the PyTorch reference stopped taking requests"
          + exitNote(), e);
    }
    return ReferenceReplies.round(readLine(), steps);
  }

  private String readLine() {
    try {
      String line = replies.readLine();
      if (line == null) {
        throw new PytorchReferenceException("the PyTorch reference ended unexpectedly"
            + exitNote() + " (its messages above say why)");
      }
      return line;
    } catch (IOException e) {
      throw new PytorchReferenceException("cannot read from the PyTorch reference: "
          + e.getMessage(), e);
    }
  }

  private String exitNote() {
    try {
      if (process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
        return " with exit code " + process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "";
  }

  /** Asks the reference to quit; kills it if it has not within a few seconds. */
  @Override
  public void close() {
    try {
      requests.write("quit\n");
      requests.close();
    } catch (IOException e) {
      // it has already gone; nothing to ask
    }
    try {
      if (!process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
