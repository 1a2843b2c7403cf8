package org.pmm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmm.base.ExitCodes;
import org.pmm.data.SurrogateGenerator;
import org.pmm.experiment.report.PredictionsCsv;
import org.pmm.experiment.run.ExperimentRows;
import org.pmm.tensor.kernels.Backend;

/**
 * {@code pmm experiment --shard K/N} and {@code --merge DIR} against the single-process run
 * with the same seeds: the merged results.json equals it in every number but the timings, the
 * predictions files are the same bytes, and a merge before every share has finished says which
 * cycles it lacks. Runs the quick scale with one epoch per cycle on a 600-row surrogate (the
 * Slurm test script does the same across processes on a real cluster). Rows whose training
 * another row computes are not trained, and equal their own training.
 */
class ShardMergeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path tmp;
  static Path data;
  static Path whole;

  @BeforeAll
  static void wholeRun() throws IOException {
    data = tmp.resolve("small.h5");
    SurrogateGenerator.write(data, 600, 0, line -> { });
    whole = tmp.resolve("whole");
    CliRun run = CliRun.of(args(whole, "--quiet", "--workers", "2"));
    assertEquals(ExitCodes.OK, run.exit(), run.err());
  }

  /**
   * Cycles trained two at a time (the whole run above) give the same results and the same
   * predictions bytes as cycles trained one after the other with the same BLAS threads per
   * product: training side by side shares nothing between cycles. (Whether OpenBLAS's products
   * depend on its thread count is up to its kernels: the SKYLAKEX ones do not, others can
   * change in the last bits; docs/cli.md, workers.)
   */
  @Test
  void cyclesTrainedOneAtATimeEqualCyclesTrainedTwoAtATime() throws IOException {
    Path serial = tmp.resolve("serial");
    CliRun run;
    try (Backend.CoreShare sameBlasThreads = Backend.shareCores(2)) {
      run = CliRun.of(args(serial, "--quiet", "--workers", "1"));
    }
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    assertSameResultsAsTheWholeRun(serial);
  }

  /** results.json (timings aside) and every predictions file are the whole run's. */
  private static void assertSameResultsAsTheWholeRun(Path out) throws IOException {
    assertEquals(withoutTimings(JSON.readTree(whole.resolve("results.json").toFile())),
        withoutTimings(JSON.readTree(out.resolve("results.json").toFile())));
    for (ExperimentRows.RowSpec row : ExperimentRows.ALL) {
      for (int k = 0; k < 2; k++) {
        String name = PredictionsCsv.fileName(row.slug(), k);
        assertEquals(-1L, Files.mismatch(whole.resolve(name), out.resolve(name)), name);
      }
    }
  }

  @Test
  void noWorkersIsAUsageError() {
    CliRun run = CliRun.of(args(tmp.resolve("none"), "--quiet", "--workers", "0"));
    assertEquals(ExitCodes.USAGE, run.exit(), run.err());
    assertTrue(run.err().contains("--workers must be at least 1, got 0"), run.err());
  }

  private static String[] args(Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("experiment", "--data", data.toString(), "--cycles",
        "2", "--seed", "5", "--set", "epochs=1", "--out", out.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void sharesMergedEqualTheSingleProcessRunAndAnEarlyMergeListsWhatIsMissing()
      throws IOException {
    Path out = tmp.resolve("sharded");
    CliRun first = CliRun.of(args(out, "--shard", "1/3", "--quiet"));
    assertEquals(ExitCodes.OK, first.exit(), first.err());
    assertFalse(Files.exists(out.resolve("results.json")), "a share writes no results");

    Path inTheMaking = out.resolve("checkpoints/.gmu-cycle1.ckpt.42.tmp");
    Files.writeString(inTheMaking, "a checkpoint another share is writing");
    CliRun early = CliRun.of("experiment", "--merge", out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, early.exit(), early.err());
    assertTrue(Files.exists(inTheMaking), "a merge leaves the files shares are writing");
    Files.delete(inTheMaking);
    Set<String> listed = new TreeSet<>();
    JsonNode partial = JSON.readTree(out.resolve("results.json").toFile());
    partial.get("missing").forEach(m -> listed.add(m.get("system").asText() + "/"
        + m.get("cycle").asInt()));
    Set<String> finished = new TreeSet<>();
    partial.get("systems").forEach(sys -> sys.get("cycles").forEach(c -> finished.add(
        sys.get("slug").asText() + "/" + (c.get("seed").asInt() - 5))));
    assertTrue(finishedCells(out).stream().allMatch(finished::contains), finished.toString());
    assertEquals(ExperimentRows.ALL.size() * 2, finished.size() + listed.size());
    listed.forEach(m -> assertFalse(finished.contains(m), m + " is finished, not missing"));
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("**Partial results.** " + listed.size() + " cycles"), report);

    for (String k : List.of("2/3", "3/3")) {
      CliRun share = CliRun.of(args(out, "--shard", k, "--quiet"));
      assertEquals(ExitCodes.OK, share.exit(), share.err());
    }
    CliRun merge = CliRun.of("experiment", "--merge", out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, merge.exit(), merge.err());
    assertSameResultsAsTheWholeRun(out);
    String merged = Files.readString(out.resolve("report.md"));
    assertFalse(merged.contains("Partial results"));
    assertTrue(merged.contains("Command: `pmm " + String.join(" ", args(out, "--quiet"))
        + "`, run in shares (`--shard K/N`) and merged by `pmm experiment --merge " + out
        + " --quiet`"), merged.lines().filter(l -> l.startsWith("Command")).findFirst()
        .orElse("no Command line"));
  }

  /**
   * The ELBOv1 rows are the ELBOv2 rows' training (every latent site of PM+MO's guide is
   * reparameterised): the run does not train them, and their reused cycles are the bytes that
   * training the ELBOv1 row on its own, with {@code pmm train}, gives.
   */
  @Test
  void aRowWhoseTrainingAnotherRowComputesEqualsItsOwnTrainingWithoutBeingTrained()
      throws IOException {
    JsonNode results = JSON.readTree(whole.resolve("results.json").toFile());
    JsonNode v1 = null;
    for (JsonNode sys : results.get("systems")) {
      if (sys.get("slug").asText().equals("pmmo-elbov1")) {
        v1 = sys;
      }
    }
    assertTrue(v1 != null && v1.get("notes").asText().startsWith("trained once with PM+MO"
        + " (ELBOv2) (elbo = trace here, tracegraph there"), String.valueOf(v1));
    assertFalse(finishedCells(whole).contains("pmmo-elbov1/0"), "not trained in the run");

    Path own = tmp.resolve("own-elbov1");
    List<String> train = new ArrayList<>(List.of("train", "models/pmmo.pmm", "--data",
        data.toString(), "--cycles", "2", "--seed", "5", "--out", own.toString(), "--quiet"));
    Map<String, String> sets = new TreeMap<>(ExperimentRows.scaleOverrides("quick"));
    sets.putAll(Map.of("epochs", "1", "elbo", "trace", "l2", "0"));
    sets.forEach((k, v) -> train.addAll(List.of("--set", k + "=" + v)));
    CliRun run = CliRun.of(train.toArray(String[]::new));
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    for (int k = 0; k < 2; k++) {
      assertEquals(-1L, Files.mismatch(own.resolve(PredictionsCsv.fileName("pmmo", k)),
          whole.resolve(PredictionsCsv.fileName("pmmo-elbov1", k))), "cycle " + k);
    }
  }

  /** A damaged finished cycle stops a merge with the advice to train it again in a share. */
  @Test
  void aDamagedCheckpointStopsAMergeSayingHowToRedoIt() throws IOException {
    Path out = tmp.resolve("damaged");
    CliRun share = CliRun.of(args(out, "--shard", "1/4", "--quiet"));
    assertEquals(ExitCodes.OK, share.exit(), share.err());
    Path done = out.resolve("checkpoints").resolve(finishedCells(out).iterator().next()
        .replaceFirst("/(\\d+)$", "-cycle$1.done"));
    Files.write(done, java.util.Arrays.copyOf(Files.readAllBytes(done), 100));
    CliRun merge = CliRun.of("experiment", "--merge", out.toString(), "--quiet");
    assertEquals(ExitCodes.BAD_INPUT, merge.exit(), merge.err());
    assertTrue(merge.err().contains("cannot merge: checkpoint '" + done + "' cannot be read")
        && merge.err().contains("remove it, run the share that trains that cycle again, then"
            + " merge again"), merge.err());
    assertFalse(merge.err().contains("\tat "), "no stack trace");
  }

  @Test
  void aShareJoiningARunOfAnotherConfigurationIsRefused() {
    Path out = tmp.resolve("mixed");
    CliRun first = CliRun.of(args(out, "--shard", "1/2", "--quiet"));
    assertEquals(ExitCodes.OK, first.exit(), first.err());
    List<String> other = new ArrayList<>(List.of(args(out, "--shard", "2/2", "--quiet")));
    other.set(other.indexOf("epochs=1"), "epochs=2");
    CliRun second = CliRun.of(other.toArray(String[]::new));
    assertEquals(ExitCodes.BAD_INPUT, second.exit(), second.err());
    assertTrue(second.err().contains("cannot join the run in '" + out + "'")
        && second.err().contains("epochs: 1 in the checkpoint, 2 now"), second.err());
  }

  @Test
  void badShardAndMergeUsesAreRefusedBeforeAnyWork() throws IOException {
    CliRun range = CliRun.of(args(tmp.resolve("x"), "--shard", "4/3"));
    assertEquals(ExitCodes.USAGE, range.exit(), range.err());
    assertTrue(range.err().contains("--shard expects K/N"), range.err());

    CliRun noOut = CliRun.of("experiment", "--data", data.toString(), "--shard", "1/2");
    assertEquals(ExitCodes.USAGE, noOut.exit(), noOut.err());
    assertTrue(noOut.err().contains("--shard needs --out DIR"), noOut.err());

    CliRun withSet = CliRun.of("experiment", "--merge", whole.toString(), "--set", "lr=0.1");
    assertEquals(ExitCodes.USAGE, withSet.exit(), withSet.err());
    assertTrue(withSet.err().contains("--set cannot be given with it"), withSet.err());

    Path other = tmp.resolve("other.h5");
    SurrogateGenerator.write(other, 600, 1, line -> { });
    CliRun otherData = CliRun.of("experiment", "--merge", whole.toString(), "--data",
        other.toString(), "--quiet");
    assertEquals(ExitCodes.BAD_INPUT, otherData.exit(), otherData.err());
    assertTrue(otherData.err().contains("cannot merge '" + whole + "'")
        && otherData.err().contains("data"), otherData.err());

    CliRun nothing = CliRun.of("experiment", "--merge", tmp.resolve("nowhere").toString());
    assertEquals(ExitCodes.BAD_INPUT, nothing.exit(), nothing.err());
    assertTrue(nothing.err().contains("no run there"), nothing.err());
    assertFalse(range.err().contains("\tat ") || nothing.err().contains("\tat "),
        "no stack trace");
  }

  private static Set<String> finishedCells(Path out) throws IOException {
    Set<String> done = new TreeSet<>();
    try (Stream<Path> files = Files.list(out.resolve("checkpoints"))) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".done"))
          .forEach(n -> done.add(n.replaceFirst("-cycle(\\d+)\\.done$", "/$1")));
    }
    return done;
  }

  /** results.json without wall-clock figures, which differ from run to run. */
  private static JsonNode withoutTimings(JsonNode n) {
    if (n.isObject()) {
      ObjectNode copy = ((ObjectNode) n).deepCopy();
      copy.remove(List.of("epoch_seconds", "seconds"));
      copy.fields().forEachRemaining(e -> copy.set(e.getKey(), withoutTimings(e.getValue())));
      return copy;
    }
    if (n.isArray()) {
      var copy = JSON.createArrayNode();
      n.forEach(x -> copy.add(withoutTimings(x)));
      return copy;
    }
    return n;
  }
}
