package org.pmm.experiment.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.lang.compile.Predictive;
import org.pmm.io.AtomicFiles;
import org.pmm.io.ChunkedBytes;
import org.pmm.params.ArrayCodec;
import org.pmm.tensor.HostArrays;

/**
 * Reads and writes a {@link CycleCheckpoint} as one file, atomically (temporary file, fsync,
 * rename: the previous checkpoint stays in place until the new one is complete).
 *
 * <p>Format {@code PMMCHECKPOINT 2} (docs/checkpoints.md): the ASCII line
 * {@code PMMCHECKPOINT 2}, a line with the byte length of a UTF-8 JSON header, the header, then
 * the arrays' values (row-major, little-endian, as {@link ArrayCodec} writes them) in the order
 * of the header's {@code arrays} list. Everything else in the header refers to arrays by their
 * index in that list. Numbers that must come back bit for bit (the epoch's loss sum, the curves)
 * are JSON numbers in Java's shortest round-trip form.
 *
 * <pre>{@code
 * CheckpointFile.write(dir.resolve("gmu-cycle0.ckpt"), checkpoint);
 * CycleCheckpoint c = CheckpointFile.read(dir.resolve("gmu-cycle0.ckpt"));
 * }</pre>
 */
public final class CheckpointFile {
  /** The first line of every checkpoint file. */
  public static final String MAGIC = "PMMCHECKPOINT 2";
  private static final int MAX_HEADER = 64 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointFile() {}

  /** Writes {@code c} to {@code file} atomically. */
  public static void write(Path file, CycleCheckpoint c) throws IOException {
    AtomicFiles.writeStream(file, out -> writeTo(out, c));
  }

  /**
   * The bytes of {@code c}'s file, for writing later (the arrays are read now, so that training
   * may go on while the bytes are written), in native memory that the caller releases
   * ({@link org.pmm.io.BackgroundFileWriter#write} does).
   */
  public static ChunkedBytes encode(CycleCheckpoint c) {
    ChunkedBytes bytes = new ChunkedBytes();
    boolean encoded = false;
    try {
      writeTo(bytes, c);
      encoded = true;
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    } finally {
      if (!encoded) {
        bytes.release();
      }
    }
  }

  private static void writeTo(OutputStream out, CycleCheckpoint c) throws IOException {
    List<INDArray> arrays = new ArrayList<>();
    ObjectNode header = JSON.createObjectNode();
    header.put("system", c.system());
    header.put("cycle", c.cycle());
    header.put("seed", c.seed());
    header.put("fingerprint", c.fingerprint());
    header.put("complete", c.complete());
    header.set("progress", progress(c.progress(), arrays));
    header.set("selected_weights", selectedWeights(c.progress(), arrays));
    snapshot(header, c.snapshot(), arrays);
    ArrayNode descriptors = header.putArray("arrays");
    for (INDArray a : arrays) {
      ArrayCodec.describe(descriptors.addObject(), a);
    }
    byte[] head = JSON.writeValueAsBytes(header);
    out.write((MAGIC + "\n" + head.length + "\n").getBytes(StandardCharsets.US_ASCII));
    out.write(head);
    for (INDArray a : arrays) {
      ArrayCodec.write(out, a);
    }
  }

  /**
   * Reads a checkpoint.
   *
   * @throws IOException naming the file and the problem (not a checkpoint, truncated, malformed)
   */
  public static CycleCheckpoint read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      String magic = line(in);
      if (magic.startsWith("PMMCHECKPOINT ") && !MAGIC.equals(magic)) {
        throw new IOException(file + ": checkpoint format '" + magic.substring(14) + "' (this pmm"
            + " reads '" + MAGIC.substring(14) + "'): start the run afresh in a new --out");
      }
      if (!MAGIC.equals(magic)) {
        throw new IOException(file + ": not a pmm checkpoint (first line '" + magic + "')");
      }
      int length;
      try {
        length = Integer.parseInt(line(in).trim());
      } catch (NumberFormatException e) {
        throw new IOException(file + ": malformed checkpoint (no header length)");
      }
      if (length <= 0 || length > MAX_HEADER) {
        throw new IOException(file + ": malformed checkpoint (header length " + length + ")");
      }
      byte[] head = new byte[length];
      in.readFully(head);
      JsonNode header = JSON.readTree(head);
      List<INDArray> arrays = new ArrayList<>();
      for (JsonNode d : required(header, "arrays")) {
        arrays.add(ArrayCodec.read(in, d));
      }
      if (in.read() != -1) {
        throw new IOException(file + ": malformed checkpoint (bytes after the last array)");
      }
      SystemSnapshot snapshot = snapshot(header, arrays);
      SelectedWeights selected = selectedWeights(required(header, "selected_weights"), arrays,
          snapshot);
      return new CycleCheckpoint(required(header, "system").asText(),
          required(header, "cycle").asInt(), required(header, "seed").asLong(),
          required(header, "fingerprint").asText(), required(header, "complete").asBoolean(),
          progress(required(header, "progress"), arrays, selected), snapshot);
    } catch (EOFException e) {
      throw new IOException(file + ": truncated checkpoint", e);
    } catch (RuntimeException e) {
      throw new IOException(file + ": malformed checkpoint (" + e.getMessage() + ")", e);
    }
  }

  // ------------------------------------------------------------------ progress

  private static ObjectNode progress(CycleProgress p, List<INDArray> arrays) {
    ObjectNode n = JSON.createObjectNode();
    n.put("epochs", p.epochs());
    n.put("epoch", p.epoch());
    n.put("batch", p.batch());
    n.put("step", p.step());
    n.put("loss_sum", p.lossSum());
    n.put("batches", p.batches());
    n.put("epoch_elapsed_seconds", p.epochElapsed());
    n.put("best_epoch", p.best());
    n.put("skipped_batches", p.skipped());
    doubles(n.putArray("val_weighted_f1"), p.valWeightedF1());
    doubles(n.putArray("train_loss"), p.trainLoss());
    doubles(n.putArray("epoch_seconds"), p.epochSeconds());
    if (p.testProbabilities() != null) {
      n.put("test_probabilities", add(arrays, HostArrays.matrix(p.testProbabilities())));
    } else {
      n.putNull("test_probabilities");
    }
    Predictive predictive = p.testPredictive();
    if (predictive != null) {
      n.putObject("test_predictive").put("method", predictive.method().name())
          .put("samples", predictive.samples())
          .put("mean", add(arrays, HostArrays.matrix(predictive.mean())))
          .put("sd", add(arrays, HostArrays.matrix(predictive.sd())));
    }
    if (p.valPredictiveMean() != null) {
      n.put("val_predictive_mean", add(arrays, HostArrays.matrix(p.valPredictiveMean())));
    }
    if (p.testGate() != null) {
      n.put("test_gate", add(arrays, HostArrays.matrix(new float[][] {p.testGate()})));
    }
    if (p.selectedValProbabilities() != null) {
      n.put("selected_val_probabilities",
          add(arrays, HostArrays.matrix(p.selectedValProbabilities())));
    }
    return n;
  }

  private static CycleProgress progress(JsonNode n, List<INDArray> arrays,
      SelectedWeights selected) {
    JsonNode test = required(n, "test_probabilities");
    float[][] probabilities = test.isNull() ? null
        : HostArrays.rows(array(arrays, test));
    // absent from checkpoints written before validation probabilities were kept
    JsonNode val = n.path("selected_val_probabilities");
    float[][] valProbabilities = val.isMissingNode() || val.isNull() ? null
        : HostArrays.rows(array(arrays, val));
    return CycleProgress.restored(required(n, "epochs").asInt(), required(n, "epoch").asInt(),
        required(n, "batch").asInt(), required(n, "step").asLong(),
        required(n, "loss_sum").asDouble(), required(n, "batches").asInt(),
        required(n, "epoch_elapsed_seconds").asDouble(), required(n, "best_epoch").asInt(),
        selected, probabilities, required(n, "skipped_batches").asLong(),
        doubles(required(n, "val_weighted_f1")), doubles(required(n, "train_loss")),
        doubles(required(n, "epoch_seconds")), valProbabilities, predictive(n, arrays), gate(n, arrays),
        optionalMatrix(n, "val_predictive_mean", arrays));
  }

  /** A matrix the file may lack (written by older versions, or not applicable). */
  private static float[][] optionalMatrix(JsonNode n, String name, List<INDArray> arrays) {
    JsonNode v = n.path(name);
    return v.isMissingNode() || v.isNull() ? null : HostArrays.rows(array(arrays, v));
  }

  /** The mean gate activation per test movie; absent without a gate and in older files. */
  private static float[] gate(JsonNode n, List<INDArray> arrays) {
    JsonNode g = n.path("test_gate");
    return g.isMissingNode() || g.isNull() ? null : HostArrays.rows(array(arrays, g))[0];
  }

  /** The test predictive of a finished cycle; absent from files of older versions. */
  private static Predictive predictive(JsonNode n, List<INDArray> arrays) {
    JsonNode d = n.path("test_predictive");
    if (d.isMissingNode() || d.isNull()) {
      return null;
    }
    return new Predictive(Predictive.Method.valueOf(required(d, "method").asText()),
        required(d, "samples").asInt(), HostArrays.rows(array(arrays, required(d, "mean"))),
        HostArrays.rows(array(arrays, required(d, "sd"))));
  }

  // ------------------------------------------------------------------ selected weights

  /**
   * Null, {@code "current"} when they are the snapshot's own parameters and statistics (the
   * checkpoint right after the selected epoch: no second copy), or their arrays.
   */
  private static JsonNode selectedWeights(CycleProgress p, List<INDArray> arrays) {
    SelectedWeights w = p.selectedWeights();
    if (w == null) {
      return JSON.nullNode();
    }
    if (p.selectedIsCurrent()) {
      return JSON.getNodeFactory().textNode("current");
    }
    ObjectNode n = JSON.createObjectNode();
    ObjectNode params = n.putObject("params");
    w.params().forEach((name, value) -> params.put(name, add(arrays, value)));
    batchNorms(n.putObject("batchnorm"), w.batchNorms(), arrays);
    return n;
  }

  private static SelectedWeights selectedWeights(JsonNode n, List<INDArray> arrays,
      SystemSnapshot snapshot) {
    if (n.isNull()) {
      return null;
    }
    if (n.isTextual() && n.asText().equals("current")) {
      return SelectedWeights.of(snapshot);
    }
    Map<String, INDArray> params = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(required(n, "params"))) {
      params.put(e.getKey(), array(arrays, e.getValue()));
    }
    return new SelectedWeights(params, batchNorms(required(n, "batchnorm"), arrays));
  }

  /** Running mean and variance by layer, as {@code {"layer": {"mean": i, "var": j}}}. */
  private static void batchNorms(ObjectNode node, Map<String, INDArray[]> stats,
      List<INDArray> arrays) {
    stats.forEach((layer, a) -> node.putObject(layer)
        .put("mean", add(arrays, a[0])).put("var", add(arrays, a[1])));
  }

  private static Map<String, INDArray[]> batchNorms(JsonNode node, List<INDArray> arrays) {
    Map<String, INDArray[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(node)) {
      out.put(e.getKey(), new INDArray[] {array(arrays, required(e.getValue(), "mean")),
          array(arrays, required(e.getValue(), "var"))});
    }
    return out;
  }

  // ------------------------------------------------------------------ system state

  private static void snapshot(ObjectNode header, SystemSnapshot s, List<INDArray> arrays) {
    ArrayNode params = header.putArray("params");
    for (SystemSnapshot.Param p : s.params()) {
      params.addObject().put("name", p.name()).put("constraint", p.constraint())
          .put("array", add(arrays, p.value()));
    }
    ObjectNode optimizers = header.putObject("optimizers");
    s.optimizers().forEach((group, entries) -> {
      ArrayNode list = optimizers.putArray(group);
      for (SystemSnapshot.OptimizerEntry e : entries) {
        ObjectNode o = list.addObject().put("param", e.param()).put("step", e.step());
        ArrayNode buffers = o.putArray("buffers");
        for (INDArray b : e.buffers()) {
          buffers.add(add(arrays, b));
        }
      }
    });
    batchNorms(header.putObject("batchnorm"), s.batchNorms(), arrays);
    ObjectNode streams = header.putObject("streams");
    s.streams().forEach((name, st) -> streams.putObject(name).put("seed", st[0])
        .put("counter", st[1]));
    ObjectNode statistics = header.putObject("statistics");
    s.statistics().forEach((name, values) -> {
      ObjectNode o = statistics.putObject(name);
      values.forEach((key, a) -> o.put(key, add(arrays, a)));
    });
  }

  private static SystemSnapshot snapshot(JsonNode header, List<INDArray> arrays) {
    List<SystemSnapshot.Param> params = new ArrayList<>();
    for (JsonNode p : required(header, "params")) {
      params.add(new SystemSnapshot.Param(required(p, "name").asText(),
          required(p, "constraint").asText(), array(arrays, required(p, "array"))));
    }
    Map<String, List<SystemSnapshot.OptimizerEntry>> optimizers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> g : fields(required(header, "optimizers"))) {
      List<SystemSnapshot.OptimizerEntry> entries = new ArrayList<>();
      for (JsonNode e : g.getValue()) {
        JsonNode b = required(e, "buffers");
        INDArray[] buffers = new INDArray[b.size()];
        for (int i = 0; i < buffers.length; i++) {
          buffers[i] = array(arrays, b.get(i));
        }
        entries.add(new SystemSnapshot.OptimizerEntry(required(e, "param").asText(),
            required(e, "step").asLong(), buffers));
      }
      optimizers.put(g.getKey(), entries);
    }
    Map<String, INDArray[]> batchNorms = batchNorms(required(header, "batchnorm"), arrays);
    Map<String, long[]> streams = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> s : fields(required(header, "streams"))) {
      streams.put(s.getKey(), new long[] {required(s.getValue(), "seed").asLong(),
          required(s.getValue(), "counter").asLong()});
    }
    Map<String, Map<String, INDArray>> statistics = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> s : fields(required(header, "statistics"))) {
      Map<String, INDArray> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> v : fields(s.getValue())) {
        values.put(v.getKey(), array(arrays, v.getValue()));
      }
      statistics.put(s.getKey(), values);
    }
    return new SystemSnapshot(params, optimizers, batchNorms, streams, statistics);
  }

  // ------------------------------------------------------------------ helpers

  private static int add(List<INDArray> arrays, INDArray a) {
    arrays.add(a);
    return arrays.size() - 1;
  }

  private static INDArray array(List<INDArray> arrays, JsonNode index) {
    int i = index.asInt(-1);
    if (!index.isInt() || i < 0 || i >= arrays.size()) {
      throw new IllegalArgumentException("array index " + index + " out of range");
    }
    return arrays.get(i);
  }

  private static void doubles(ArrayNode node, double[] values) {
    for (double v : values) {
      node.add(v);
    }
  }

  private static double[] doubles(JsonNode node) {
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asDouble();
    }
    return out;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return v;
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    return () -> it;
  }

  private static String line(DataInputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n' && sb.length() <= 64) {
      sb.append((char) c);
    }
    return sb.toString();
  }
}
