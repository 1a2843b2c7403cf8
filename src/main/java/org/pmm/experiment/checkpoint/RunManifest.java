package org.pmm.experiment.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pmm.io.AtomicFiles;

/**
 * What a run was started with, saved as {@code checkpoints/run.json} when it starts: the command,
 * scale, seed, cycles, the data file (path, size, SHA-256 of its content) and every system (slug,
 * model file, digest of the model's sources, resolved hyperparameters). A resumed run must match
 * it; {@link #differences} says in words what does not. {@link #fingerprint} condenses one
 * system's part into the hash that each of its checkpoint files carries.
 *
 * <pre>{@code
 * RunManifest now = new RunManifest("train", null, 0, 1, data, List.of(system));
 * List<String> d = RunManifest.read(path).differences(now);   // ["hidden: 256 in the checkpoint, 512 now"]
 * }</pre>
 *
 * @param command {@code train} or {@code experiment}
 * @param scale the experiment's scale, or null for {@code train}
 * @param commandLine the command line that started the run, for the report (not compared)
 * @param sets the run's {@code --set} overrides, to rebuild its systems when its shards are
 *     merged (not compared: the systems' resolved configurations are)
 */
public record RunManifest(String command, String scale, long seed, int cycles, DataFingerprint data,
    List<SystemEntry> systems, String commandLine, Map<String, String> sets) {
  private static final String FORMAT = "pmm-run 1";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /**
   * One system of the run.
   *
   * @param modelDigest SHA-256 of the model's source files (the model and its imports)
   * @param config every hyperparameter, resolved, as a JSON object
   */
  public record SystemEntry(String slug, String model, String modelDigest, JsonNode config) {
    /** An entry from a resolved configuration map. */
    public static SystemEntry of(String slug, String model, String modelDigest,
        Map<String, ?> config) {
      try {
        return new SystemEntry(slug, model, modelDigest,
            JSON.readTree(JSON.writeValueAsString(new TreeMap<>(config))));
      } catch (IOException e) {
        throw new IllegalArgumentException("configuration of '" + slug + "' is not JSON: " + e);
      }
    }
  }

  public RunManifest {
    systems = List.copyOf(systems);
    sets = sets == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new LinkedHashMap<>(sets));
  }

  /** A manifest without a recorded command line or overrides. */
  public RunManifest(String command, String scale, long seed, int cycles, DataFingerprint data,
      List<SystemEntry> systems) {
    this(command, scale, seed, cycles, data, systems, null, Map.of());
  }

  /** The entry of a system. */
  public SystemEntry system(String slug) {
    for (SystemEntry s : systems) {
      if (s.slug().equals(slug)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no system '" + slug + "' in this run");
  }

  /**
   * The hash a checkpoint of {@code slug} carries: SHA-256 of everything that decides its
   * numbers (command, scale, seed, cycles, the data's size and content, the system's model and
   * configuration). The data file's path is left out: a moved file is the same data.
   */
  public String fingerprint(String slug) {
    ObjectNode n = JSON.createObjectNode();
    n.put("command", command).put("scale", scale).put("seed", seed).put("cycles", cycles);
    n.put("data_size", data.size()).put("data_sha256", data.sha256());
    SystemEntry s = system(slug);
    n.put("slug", s.slug()).put("model", s.model()).put("model_sha256", s.modelDigest());
    n.set("config", s.config());
    return Digests.text(n.toString());
  }

  /**
   * What differs between this (the checkpoint's) manifest and {@code now}, one phrase per
   * difference ("hidden: 256 in the checkpoint, 512 now"); empty when the run may resume. A
   * difference shared by only some systems of an experiment names them.
   */
  public List<String> differences(RunManifest now) {
    List<String> out = new ArrayList<>();
    differ(out, "command", command, now.command);
    differ(out, "--scale", scale, now.scale);
    differ(out, "--seed", seed, now.seed);
    differ(out, "--cycles", cycles, now.cycles);
    String data = data().differences(now.data());
    if (data != null) {
      out.add(data);
    }
    if (systems.size() == 1 && now.systems.size() == 1) {
      out.addAll(systemDifferences(systems.get(0), now.systems.get(0)));
      return out;
    }
    List<String> slugs = systems.stream().map(SystemEntry::slug).toList();
    List<String> nowSlugs = now.systems.stream().map(SystemEntry::slug).toList();
    if (!slugs.equals(nowSlugs)) {
      out.add("systems: " + slugs + " in the checkpoint, " + nowSlugs + " now");
      return out;
    }
    Map<String, List<String>> bySystem = new LinkedHashMap<>();
    for (int i = 0; i < systems.size(); i++) {
      for (String d : systemDifferences(systems.get(i), now.systems.get(i))) {
        bySystem.computeIfAbsent(d, k -> new ArrayList<>()).add(slugs.get(i));
      }
    }
    bySystem.forEach((d, which) -> out.add(which.size() == slugs.size() ? d
        : String.join(", ", which) + ": " + d));
    return out;
  }

  private static List<String> systemDifferences(SystemEntry then, SystemEntry now) {
    List<String> out = new ArrayList<>();
    if (!then.model().equals(now.model())) {
      out.add("model: " + then.model() + " in the checkpoint, " + now.model() + " now");
    } else if (!then.modelDigest().equals(now.modelDigest())) {
      out.add("model " + now.model() + ": its source (or an imported file) changed since the"
          + " checkpoint");
    }
    TreeSet<String> names = new TreeSet<>();
    then.config().fieldNames().forEachRemaining(names::add);
    now.config().fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode a = then.config().get(name);
      JsonNode b = now.config().get(name);
      if (!Objects.equals(text(a), text(b))) {
        out.add(name + ": " + shown(a) + " in the checkpoint, " + shown(b) + " now");
      }
    }
    return out;
  }

  private static String text(JsonNode v) {
    return v == null ? null : v.toString();
  }

  private static String shown(JsonNode v) {
    return v == null ? "not set" : v.isTextual() ? v.asText() : v.toString();
  }

  private static void differ(List<String> out, String what, Object then, Object now) {
    if (!Objects.equals(then, now)) {
      out.add(what + ": " + (then == null ? "none" : then) + " in the checkpoint, "
          + (now == null ? "none" : now) + " now");
    }
  }

  // ------------------------------------------------------------------ file

  /** Writes the manifest atomically. */
  public void write(Path file) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("format", FORMAT).put("command", command).put("scale", scale).put("seed", seed)
        .put("cycles", cycles);
    n.putObject("data").put("path", data.path()).put("size", data.size())
        .put("sha256", data.sha256());
    if (commandLine != null) {
      n.put("command_line", commandLine);
    }
    ObjectNode overrides = n.putObject("sets");
    sets.forEach(overrides::put);
    ArrayNode list = n.putArray("systems");
    for (SystemEntry s : systems) {
      ObjectNode o = list.addObject().put("slug", s.slug()).put("model", s.model())
          .put("model_sha256", s.modelDigest());
      o.set("config", s.config());
    }
    AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n)
        + "\n");
  }

  /**
   * Reads a manifest.
   *
   * @throws NoSuchFileException if there is none
   * @throws IOException naming the file if it is not a manifest
   */
  public static RunManifest read(Path file) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(file + ": not a pmm run manifest (" + e.getMessage() + ")", e);
    }
    if (n == null || !FORMAT.equals(n.path("format").asText())) {
      throw new IOException(file + ": not a pmm run manifest (format is not '" + FORMAT + "')");
    }
    JsonNode d = n.path("data");
    List<SystemEntry> systems = new ArrayList<>();
    for (JsonNode s : n.path("systems")) {
      systems.add(new SystemEntry(s.path("slug").asText(), s.path("model").asText(),
          s.path("model_sha256").asText(), s.path("config")));
    }
    Map<String, String> sets = new LinkedHashMap<>();
    n.path("sets").fields().forEachRemaining(e -> sets.put(e.getKey(), e.getValue().asText()));
    return new RunManifest(n.path("command").asText(),
        n.path("scale").isNull() ? null : n.path("scale").asText(null), n.path("seed").asLong(),
        n.path("cycles").asInt(), new DataFingerprint(d.path("path").asText(),
            d.path("size").asLong(), d.path("sha256").asText()), systems,
        n.path("command_line").asText(null), sets);
  }
}
