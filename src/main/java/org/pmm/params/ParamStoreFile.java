package org.pmm.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.distributions.constraints.Constraints;
import org.pmm.io.AtomicFiles;
import org.pmm.optim.Optimizer;
import org.pmm.optim.ParameterState;

/**
 * Saves and loads a parameter store and its optimisers' states in one file, atomically.
 *
 * <p>Format (version 1): the ASCII line {@code PMMPARAMS 1}, a line with the length in bytes of
 * a UTF-8 JSON header, the header, then the arrays' raw values, little-endian, in header order.
 * The header is {@code {"params": [{"name", "constraint", "dtype", "shape"}...],
 * "optimizers": {"<group>": [{"param", "step", "buffers": [{"dtype", "shape"}...]}...]}}};
 * parameters are stored unconstrained, constraints by their {@code describe()} text, and arrays
 * follow in the order they appear in the header (all params first, then optimiser buffers).
 *
 * <pre>{@code
 * ParamStoreFile.save(path, store, Map.of("A", clippedAdam, "C", adamW));
 * ParamStoreFile.load(path, store, Map.of("A", clippedAdam, "C", adamW));
 * }</pre>
 */
public final class ParamStoreFile {
  private static final String MAGIC = "PMMPARAMS 1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ParamStoreFile() {}

  public static void save(Path file, ParamStore store, Map<String, Optimizer> optimizers)
      throws IOException {
    ObjectNode header = JSON.createObjectNode();
    ArrayNode params = header.putArray("params");
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    for (Map.Entry<String, ParamStore.Entry> e : store.entries().entrySet()) {
      ObjectNode p = params.addObject();
      p.put("name", e.getKey());
      p.put("constraint", e.getValue().constraint().describe());
      ArrayCodec.describe(p, e.getValue().unconstrained().value());
      ArrayCodec.write(payload, e.getValue().unconstrained().value());
    }
    ObjectNode groups = header.putObject("optimizers");
    for (Map.Entry<String, Optimizer> g : optimizers.entrySet()) {
      ArrayNode states = groups.putArray(g.getKey());
      for (Map.Entry<String, ParameterState> s : g.getValue().states().entrySet()) {
        ObjectNode st = states.addObject();
        st.put("param", s.getKey());
        st.put("step", s.getValue().step());
        ArrayNode buffers = st.putArray("buffers");
        for (INDArray b : s.getValue().buffers()) {
          ArrayCodec.describe(buffers.addObject(), b);
          ArrayCodec.write(payload, b);
        }
      }
    }
    byte[] head = JSON.writeValueAsBytes(header);
    AtomicFiles.writeStream(file, out -> {
      out.write((MAGIC + "\n" + head.length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      payload.writeTo(out);
    });
  }

  /**
   * Replaces the store's parameters with the file's and restores the optimisers' states (an
   * optimiser's existing states are cleared first). Errors name the file and the problem.
   */
  public static void load(Path file, ParamStore store, Map<String, Optimizer> optimizers)
      throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      String magic = readLine(in);
      if (!MAGIC.equals(magic)) {
        throw new IOException(file + ": not a pmm parameter file (first line '" + magic + "')");
      }
      int length = Integer.parseInt(readLine(in).trim());
      byte[] head = in.readNBytes(length);
      JsonNode header = JSON.readTree(head);
      store.clear();
      for (JsonNode p : header.get("params")) {
        store.put(p.get("name").asText(), ArrayCodec.read(in, p),
            Constraints.fromDescription(p.get("constraint").asText()));
      }
      JsonNode groups = header.get("optimizers");
      for (Map.Entry<String, Optimizer> g : optimizers.entrySet()) {
        Map<String, ParameterState> states = g.getValue().states();
        states.clear();
        JsonNode list = groups.get(g.getKey());
        if (list == null) {
          throw new IOException(file + ": no state for optimiser group '" + g.getKey() + "'");
        }
        for (JsonNode st : list) {
          JsonNode bs = st.get("buffers");
          INDArray[] buffers = new INDArray[bs.size()];
          for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ArrayCodec.read(in, bs.get(i));
          }
          states.put(st.get("param").asText(), new ParameterState(st.get("step").asLong(),
              buffers));
        }
      }
    } catch (EOFException e) {
      throw new IOException(file + ": truncated parameter file", e);
    } catch (RuntimeException e) {
      throw new IOException(file + ": malformed parameter file (" + e.getMessage() + ")", e);
    }
  }

  private static String readLine(DataInputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (sb.length() > 64) {
        break;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }
}
