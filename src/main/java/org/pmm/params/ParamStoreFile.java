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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
      describe(p, e.getValue().unconstrained().value());
      write(payload, e.getValue().unconstrained().value());
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
          describe(buffers.addObject(), b);
          write(payload, b);
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
        store.put(p.get("name").asText(), read(in, p),
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
            buffers[i] = read(in, bs.get(i));
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

  private static void describe(ObjectNode node, INDArray a) {
    node.put("dtype", a.dataType().name());
    ArrayNode shape = node.putArray("shape");
    for (long d : a.shape()) {
      shape.add(d);
    }
  }

  private static void write(ByteArrayOutputStream out, INDArray a) {
    ByteBuffer buf;
    if (a.dataType() == DataType.DOUBLE) {
      double[] v = a.dup('c').data().asDouble();
      buf = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      buf.asDoubleBuffer().put(v);
    } else {
      float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
      buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(v);
    }
    out.write(buf.array(), 0, buf.capacity());
  }

  private static INDArray read(DataInputStream in, JsonNode desc) throws IOException {
    JsonNode s = desc.get("shape");
    long[] shape = new long[s.size()];
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = s.get(i).asLong();
      n *= shape[i];
    }
    boolean dbl = "DOUBLE".equals(desc.get("dtype").asText());
    byte[] bytes = new byte[Math.toIntExact(n * (dbl ? 8 : 4))];
    in.readFully(bytes);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (dbl) {
      double[] v = new double[(int) n];
      buf.asDoubleBuffer().get(v);
      return Nd4j.create(v, shape, DataType.DOUBLE);
    }
    float[] v = new float[(int) n];
    buf.asFloatBuffer().get(v);
    return Nd4j.create(v, shape, DataType.FLOAT);
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
