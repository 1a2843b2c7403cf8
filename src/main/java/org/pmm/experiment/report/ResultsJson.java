package org.pmm.experiment.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.pmm.base.UserError;
import org.pmm.io.AtomicFiles;

/**
 * Reads and writes {@code results.json} with Jackson; field names are those of docs/cli.md (set on
 * the records). Writing is atomic. Reading ignores fields it does not know, so that a newer pmm's
 * file still reads; a missing or malformed file is the user's input error.
 *
 * <pre>{@code
 * ResultsJson.write(out.resolve("results.json"), results);
 * ExperimentResults again = ResultsJson.read(out.resolve("results.json"));
 * }</pre>
 */
public final class ResultsJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private ResultsJson() {}

  /** The JSON text of the results (indented, UTF-8 when written). */
  public static String toJson(ExperimentResults results) {
    try {
      return MAPPER.writeValueAsString(results) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("results could not be serialised: " + e.getMessage(), e);
    }
  }

  /** Writes the results to {@code file} atomically. */
  public static void write(Path file, ExperimentResults results) throws IOException {
    AtomicFiles.writeString(file, toJson(results));
  }

  /** Reads results written by {@link #write}; throws {@link UserError} naming the file if bad. */
  public static ExperimentResults read(Path file) {
    try {
      return MAPPER.readValue(Files.readAllBytes(file), ExperimentResults.class);
    } catch (NoSuchFileException e) {
      throw new UserError("results file '" + file + "' does not exist");
    } catch (JsonProcessingException e) {
      throw new UserError("results file '" + file + "' is not valid results JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UserError("results file '" + file + "' could not be read: " + e.getMessage());
    }
  }
}
