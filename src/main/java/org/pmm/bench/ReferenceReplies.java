package org.pmm.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON lines that {@code bench/pytorch_reference.py --serve} writes: one when it is
 * ready, then one per round of steps. Anything else is an error that quotes the line.
 *
 * <pre>{@code
 * ReferenceReplies.Ready r = ReferenceReplies.ready(
 *     "{\"torch_version\": \"1.13.0\", \"threads\": 2, \"config\": \"bench\", \"ready\": true}");
 * double[] s = ReferenceReplies.round("{\"seconds\": [0.3, 0.29], \"loss\": 0.7}", 2);
 * }</pre>
 */
public final class ReferenceReplies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUOTE_LIMIT = 200;

  /** What the reference says when it has built its system and warmed up. */
  public record Ready(String torchVersion, int threads) {}

  private ReferenceReplies() {}

  /** Parses the ready line. */
  public static Ready ready(String line) {
    JsonNode node = parse(line, "its ready line");
    if (!node.path("ready").asBoolean(false) || !node.path("torch_version").isTextual()
        || !node.path("threads").canConvertToInt() || node.path("threads").asInt() < 1) {
      throw bad("a ready line with \"ready\": true, \"torch_version\" and \"threads\"", line);
    }
    return new Ready(node.get("torch_version").asText(), node.get("threads").asInt());
  }

  /** Parses the reply to a round of {@code steps} steps: the seconds of each step. */
  public static double[] round(String line, int steps) {
    JsonNode node = parse(line, "a round's reply");
    JsonNode seconds = node.path("seconds");
    if (!seconds.isArray() || seconds.size() != steps) {
      throw bad("\"seconds\" with " + steps + " step times", line);
    }
    double[] times = new double[steps];
    for (int i = 0; i < steps; i++) {
      JsonNode t = seconds.get(i);
      if (!t.isNumber() || !(t.asDouble() >= 0) || !Double.isFinite(t.asDouble())) {
        throw bad("step times that are non-negative numbers", line);
      }
      times[i] = t.asDouble();
    }
    JsonNode loss = node.path("loss");
    if (!loss.isNumber() || !Double.isFinite(loss.asDouble())) {
      throw bad("a finite \"loss\"", line);
    }
    return times;
  }

  private static JsonNode parse(String line, String what) {
    if (line == null) {
      throw new PytorchReferenceException("the PyTorch reference ended before sending " + what
          + " (its messages above say why)");
    }
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw bad("a JSON object as " + what, line);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw bad("JSON as " + what, line);
    }
  }

  private static PytorchReferenceException bad(String expected, String line) {
    String quoted = line.length() > QUOTE_LIMIT ? line.substring(0, QUOTE_LIMIT) + "..." : line;
    return new PytorchReferenceException("the PyTorch reference sent an unexpected line"
        + " (expected " + expected + "): " + quoted);
  }
}
