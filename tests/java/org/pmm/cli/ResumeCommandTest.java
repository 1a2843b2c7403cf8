package org.pmm.cli;

import org.pmm.base.ExitCodes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.data.SurrogateGenerator;
import org.pmm.experiment.checkpoint.CheckpointFile;
import org.pmm.experiment.checkpoint.CycleCheckpoint;

/**
 * {@code pmm train} killed with SIGKILL in the middle of an epoch and continued with
 * {@code --resume} ends exactly as the same command run without interruption: the same final
 * parameters, predictions and results.json metrics, bit for bit. The killed run is a child JVM
 * (PM+MO from {@code models/pmmo.pmm} at width 16 on a 400-row surrogate: 8 steps per epoch,
 * 3 epochs, a checkpoint every 3 steps, sampled predictions; the third epoch leaves the child
 * work to do after the kill point even on a loaded machine); the resumed and the uninterrupted
 * runs run in this JVM. Before resuming, a changed hyperparameter and another data file are
 * refused with what differs, and the checkpoint is left untouched.
 */
class ResumeCommandTest {
  @TempDir
  static Path tmp;
  static Path data;

  @BeforeAll
  static void data() throws IOException {
    data = tmp.resolve("small.h5");
    SurrogateGenerator.write(data, 400, 1, line -> { });
  }

  private static List<String> command(Path out, Path dataFile, String hidden) {
    return new ArrayList<>(List.of("train", "models/pmmo.pmm", "--data", dataFile.toString(),
        "--set", "hidden=" + hidden, "--set", "classifier_width=16", "--set", "maxout_pieces=2",
        "--set", "batch_size=32", "--set", "epochs=3", "--set", "predict_samples=2",
        "--set", "kl_anneal_epochs=2", "--checkpoint-every", "3", "--out", out.toString()));
  }

  @Test
  void killedMidEpochAndResumedEqualsAnUninterruptedRun() throws Exception {
    Path killed = tmp.resolve("killed");
    Path checkpoint = killed.resolve("checkpoints/pmmo-cycle0.ckpt");
    List<String> child = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        // as the launcher runs it (SIMD kernels; results are the same without)
        "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "org.pmm.cli.Main"));
    child.addAll(command(killed, data, "16"));
    child.add("--quiet");
    Path childErr = tmp.resolve("child-stderr.txt");
    Process process = new ProcessBuilder(child).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(childErr.toFile()).start();
    // Kill as soon as a checkpoint in the middle of the second epoch exists (steps 9, 12, 15):
    // the first epoch's checkpoint came before it, and the child is training the batches after.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!midSecondEpoch(checkpoint)) {
      if (!process.isAlive()) {
        fail("the child ended (exit " + process.exitValue() + ") before it could be killed: "
            + Files.readString(childErr));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        fail("no checkpoint in the second epoch within 120 s");
      }
      Thread.sleep(10);
    }
    process.destroyForcibly();   // SIGKILL on Linux
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(128 + 9, process.exitValue(), "killed by SIGKILL");
    assertFalse(Files.exists(killed.resolve("results.json")), "the killed run did not finish");
    CycleCheckpoint last = CheckpointFile.read(checkpoint);
    assertTrue(last.progress().epoch() == 1 && last.progress().batch() > 0,
        "the last checkpoint is in the middle of the second epoch");
    byte[] checkpointBytes = Files.readAllBytes(checkpoint);

    // Another configuration or data file is refused before anything is trained.
    List<String> wider = command(killed, data, "32");
    wider.addAll(List.of("--resume", killed.toString()));
    Result refused = run(wider);
    assertEquals(ExitCodes.BAD_INPUT, refused.exit);
    assertEquals("pmm: error: cannot resume '" + killed + "' with another configuration or data file:"
        + " hidden: 16 in the checkpoint, 32 now", refused.lastLine());
    Path otherData = tmp.resolve("other.h5");
    SurrogateGenerator.write(otherData, 200, 2, line -> { });
    List<String> other = command(killed, otherData, "16");
    other.addAll(List.of("--resume", killed.toString()));
    refused = run(other);
    assertEquals(ExitCodes.BAD_INPUT, refused.exit);
    assertTrue(refused.lastLine().startsWith("pmm: error: cannot resume '" + killed + "' with another"
        + " configuration or data file: data file: path, size, content hash differ ('" + data + "', "),
        refused.stderr);
    assertArrayEquals(checkpointBytes, Files.readAllBytes(checkpoint), "a refusal changes nothing");

    List<String> resume = command(killed, data, "16");
    resume.addAll(List.of("--resume", killed.toString()));
    Result resumed = run(resume);
    assertEquals(ExitCodes.OK, resumed.exit, resumed.stderr);
    assertTrue(resumed.stderr.contains("resuming pmmo cycle 1 at epoch 2/3, batch "
        + last.progress().batch() + " (step " + last.progress().step() + ")"), resumed.stderr);

    Path straight = tmp.resolve("straight");
    List<String> uninterrupted = command(straight, data, "16");
    uninterrupted.add("--quiet");
    Result reference = run(uninterrupted);
    assertEquals(ExitCodes.OK, reference.exit, reference.stderr);

    for (String file : new String[] {"checkpoints/pmmo-cycle0-final.params",
        "predictions-pmmo-cycle0.csv"}) {
      assertEquals(-1, Files.mismatch(straight.resolve(file), killed.resolve(file)), file + " differs");
    }
    assertEquals(metrics(straight), metrics(killed), "results.json without the timings");
  }

  @Test
  void aFailedWriteStopsWithExitThreeAndTheRunResumesOnceItIsFixed() throws IOException {
    Path out = tmp.resolve("blocked");
    // a non-empty directory where the predictions go: writing them fails once the cycle is done
    Path predictions = out.resolve("predictions-pmmo-cycle0.csv");
    Files.createDirectories(predictions);
    Files.writeString(predictions.resolve("x"), "x");
    List<String> args = command(out, data, "16");
    args.set(args.indexOf("epochs=3"), "epochs=1");
    args.add("--quiet");
    Result r = run(args);
    assertEquals(ExitCodes.TRAINING_STOPPED, r.exit, r.stderr);
    Path checkpoints = out.resolve("checkpoints");
    String message = r.stderr.strip();
    assertTrue(message.startsWith("pmm: error: training stopped: writing to '" + out + "' failed: '"
        + out.resolve(".predictions-pmmo-cycle0.csv.")), message);
    assertTrue(message.endsWith("': is a directory; the last complete checkpoint in " + checkpoints
        + " is intact (free space, then continue with --resume " + out + ")"), message);
    try (var files = Files.list(checkpoints)) {
      assertEquals(List.of("pmmo-cycle0-final.params", "pmmo-cycle0.done", "run.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary file is left");
    }

    Files.delete(predictions.resolve("x"));
    Files.delete(predictions);
    args.addAll(List.of("--resume", out.toString()));
    r = run(args);
    assertEquals(ExitCodes.OK, r.exit, r.stderr);
    assertTrue(Files.size(predictions) > 0 && Files.exists(out.resolve("results.json")));
  }

  /** Whether the checkpoint exists and stands inside the second epoch. */
  private static boolean midSecondEpoch(Path checkpoint) {
    if (!Files.exists(checkpoint)) {
      return false;
    }
    try {
      CycleCheckpoint c = CheckpointFile.read(checkpoint);
      return c.progress().epoch() >= 1 && c.progress().batch() > 0;
    } catch (IOException e) {
      return false;   // replaced while being opened: look again
    }
  }

  /** results.json without the wall-clock times (seconds per epoch), which no run repeats. */
  private static JsonNode metrics(Path out) throws IOException {
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    for (JsonNode system : results.get("systems")) {
      for (JsonNode cycle : system.get("cycles")) {
        assertTrue(cycle.has("epoch_seconds"));
        ((ObjectNode) cycle).remove("epoch_seconds");
      }
    }
    return results;
  }

  private record Result(int exit, String stderr) {
    String lastLine() {
      List<String> lines = stderr.lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  /** Runs the CLI in this JVM, capturing standard error (progress and messages). */
  private static Result run(List<String> args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Main.run(args.toArray(String[]::new));
    } finally {
      System.setErr(old);
    }
    return new Result(exit, err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }
}
