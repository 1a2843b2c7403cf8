package org.pmm.experiment.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.pmm.data.MmImdbData;
import org.pmm.data.Split;
import org.pmm.data.SurrogateGenerator;
import org.pmm.experiment.checkpoint.DataFingerprint;

/**
 * The small data of the training-loop tests: a 300-movie surrogate (seed 1), its official split
 * (180 training rows: 6 batches of 32), standardised on the training rows, and its fingerprint.
 */
record SmallRun(MmImdbData data, Split split, DataFingerprint fingerprint) {

  /** Writes the surrogate into {@code dir} and loads it. */
  static SmallRun create(Path dir) throws IOException {
    Path file = dir.resolve("small.h5");
    SurrogateGenerator.write(file, 300, 1, line -> { });
    MmImdbData data = MmImdbData.load(file);
    Split split = Split.create("official", data, 0);
    data.standardizeInPlace(split.train());
    return new SmallRun(data, split, DataFingerprint.of(file));
  }

  /** Progress that prints nothing. */
  static Progress quiet() {
    return new Progress(new PrintStream(PrintStream.nullOutputStream()), true);
  }
}
