package org.pmm.experiment.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.pmm.io.AtomicFiles;
import org.pmm.lang.compile.Predictive;

/**
 * {@code predictive-<slug>-cycle<k>.csv}: a cycle's test predictive, one row per movie in the
 * predictions file's order, header {@code imdb_id,mean_<genre>...,sd_<genre>...}: the mean and
 * the standard deviation (n − 1) of each genre's probability over the draws (guide draws, or
 * MC dropout for a deterministic system; results.json says which and how many). Same CSV
 * conventions as the predictions file (CRLF, plain decimals, RFC 4180 quoting).
 *
 * <pre>{@code
 * PredictiveCsv.write(out.resolve(PredictiveCsv.fileName("pmmo-lkl-l2", 0)), genres, ids, p);
 * }</pre>
 */
public final class PredictiveCsv {
  private static final String EOL = "\r\n";

  private PredictiveCsv() {}

  /** {@code predictive-<slug>-cycle<k>.csv}. */
  public static String fileName(String slug, int cycle) {
    return "predictive-" + slug + "-cycle" + cycle + ".csv";
  }

  public static void write(Path file, List<String> genres, List<String> imdbIds,
      Predictive predictive) throws IOException {
    if (predictive.mean().length != imdbIds.size()) {
      throw new IllegalArgumentException(imdbIds.size() + " movies but " + predictive.mean().length
          + " predictive rows");
    }
    AtomicFiles.writeStream(file, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      w.write("imdb_id");
      for (String prefix : new String[] {"mean_", "sd_"}) {
        for (String g : genres) {
          w.write(',');
          w.write(PredictionsCsv.field(prefix + g));
        }
      }
      w.write(EOL);
      for (int i = 0; i < imdbIds.size(); i++) {
        w.write(PredictionsCsv.field(imdbIds.get(i)));
        for (float[][] values : new float[][][] {predictive.mean(), predictive.sd()}) {
          if (values[i].length != genres.size()) {
            throw new IllegalArgumentException("predictive row " + i + " has " + values[i].length
                + " values for " + genres.size() + " genres");
          }
          for (float v : values[i]) {
            w.write(',');
            w.write(PredictionsCsv.decimal(v));
          }
        }
        w.write(EOL);
      }
      w.flush();
    });
  }
}
