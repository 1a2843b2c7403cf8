package org.pmm.experiment.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the report needs beyond {@code results.json}: the genre names, the label matrices (for the
 * frequency baseline and Figure 1), the decision threshold, and how the run was made (command line,
 * scale, timings such as the first build, free-form notes). Everything but the genres is optional;
 * the report leaves out what it cannot compute and says so.
 *
 * <pre>{@code
 * ReportInputs extras = ReportInputs.builder(genres)
 *     .trainLabels(train).testLabels(test)
 *     .genreCountLabels(allRows, "all 25,959 rows")
 *     .commandLine("pmm experiment --scale quick")
 *     .timing("surrogate generation", 38.2)
 *     .build();
 * }</pre>
 */
public final class ReportInputs {
  private final List<String> genres;
  private final int[][] trainLabels;
  private final int[][] testLabels;
  private final int[][] genreCountLabels;
  private final String genreCountDescription;
  private final double threshold;
  private final String commandLine;
  private final String mergeCommand;
  private final String scale;
  private final Map<String, Double> timings;
  private final List<String> notes;
  private final int cyclesAtOnce;

  private ReportInputs(Builder b) {
    this.genres = List.copyOf(b.genres);
    this.trainLabels = b.trainLabels;
    this.testLabels = b.testLabels;
    this.genreCountLabels = b.genreCountLabels;
    this.genreCountDescription = b.genreCountDescription;
    this.threshold = b.threshold;
    this.commandLine = b.commandLine;
    this.mergeCommand = b.mergeCommand;
    this.scale = b.scale;
    this.timings = new LinkedHashMap<>(b.timings);
    this.notes = List.copyOf(b.notes);
    this.cyclesAtOnce = b.cyclesAtOnce;
  }

  /** Starts inputs for these genre names (column order of the label matrices). */
  public static Builder builder(List<String> genres) {
    return new Builder(genres);
  }

  public List<String> genres() {
    return genres;
  }

  public Optional<int[][]> trainLabels() {
    return Optional.ofNullable(trainLabels);
  }

  public Optional<int[][]> testLabels() {
    return Optional.ofNullable(testLabels);
  }

  /**
   * The rows counted in Figure 1 and how to describe them: the matrix given to
   * {@link Builder#genreCountLabels}, else training and test rows together.
   */
  Optional<Map.Entry<int[][], String>> genreCountRows() {
    if (genreCountLabels != null) {
      return Optional.of(Map.entry(genreCountLabels, genreCountDescription));
    }
    if (trainLabels != null && testLabels != null) {
      int[][] both = new int[trainLabels.length + testLabels.length][];
      System.arraycopy(trainLabels, 0, both, 0, trainLabels.length);
      System.arraycopy(testLabels, 0, both, trainLabels.length, testLabels.length);
      return Optional.of(Map.entry(both, String.format(java.util.Locale.ROOT,
          "%,d training and test rows", both.length)));
    }
    return Optional.empty();
  }

  public double threshold() {
    return threshold;
  }

  public Optional<String> commandLine() {
    return Optional.ofNullable(commandLine);
  }

  /** The command that merged the shares whose command is {@link #commandLine}, if any. */
  public Optional<String> mergeCommand() {
    return Optional.ofNullable(mergeCommand);
  }

  public Optional<String> scale() {
    return Optional.ofNullable(scale);
  }

  public Map<String, Double> timings() {
    return timings;
  }

  public List<String> notes() {
    return notes;
  }

  /** How many cycles trained at the same time, sharing the cores (1: one after the other). */
  public int cyclesAtOnce() {
    return cyclesAtOnce;
  }

  /** Sets optional inputs; {@link #build()} checks the label matrices' widths. */
  public static final class Builder {
    private final List<String> genres;
    private int[][] trainLabels;
    private int[][] testLabels;
    private int[][] genreCountLabels;
    private String genreCountDescription;
    private double threshold = 0.5;
    private String commandLine;
    private String mergeCommand;
    private String scale;
    private final Map<String, Double> timings = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private int cyclesAtOnce = 1;

    private Builder(List<String> genres) {
      this.genres = genres;
    }

    /** Training labels (rows × genres, 0/1): the frequency baseline learns from them. */
    public Builder trainLabels(int[][] labels) {
      this.trainLabels = labels;
      return this;
    }

    /** Test labels (rows × genres, 0/1): the frequency baseline is scored on them. */
    public Builder testLabels(int[][] labels) {
      this.testLabels = labels;
      return this;
    }

    /** The rows Figure 1 counts (the paper counts the whole data set) and their description. */
    public Builder genreCountLabels(int[][] labels, String description) {
      this.genreCountLabels = labels;
      this.genreCountDescription = description;
      return this;
    }

    /** Decision threshold of the frequency baseline's report line (default 0.5). */
    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    /** The command that produced the results, shown verbatim. */
    public Builder commandLine(String commandLine) {
      this.commandLine = commandLine;
      return this;
    }

    /**
     * The command that merged the results of shares (each ran {@link #commandLine} with its own
     * {@code --shard K/N}).
     */
    public Builder mergeCommand(String mergeCommand) {
      this.mergeCommand = mergeCommand;
      return this;
    }

    /** {@code quick} or {@code paper} for {@code pmm experiment}. */
    public Builder scale(String scale) {
      this.scale = scale;
      return this;
    }

    /** A named duration in seconds reported apart from training (first build, data generation). */
    public Builder timing(String what, double seconds) {
      timings.put(what, seconds);
      return this;
    }

    /**
     * Up to {@code n} cycles trained at the same time ({@code --workers}): an epoch's wall time
     * is then measured while other cycles share the cores.
     */
    public Builder cyclesAtOnce(int n) {
      this.cyclesAtOnce = n;
      return this;
    }

    /** A sentence for the reader, shown under "Notes". */
    public Builder note(String note) {
      notes.add(note);
      return this;
    }

    public ReportInputs build() {
      checkWidth(trainLabels, "training labels");
      checkWidth(testLabels, "test labels");
      checkWidth(genreCountLabels, "genre-count labels");
      return new ReportInputs(this);
    }

    private void checkWidth(int[][] labels, String what) {
      if (labels != null && labels.length > 0 && labels[0].length != genres.size()) {
        throw new IllegalArgumentException(what + " have " + labels[0].length
            + " columns but " + genres.size() + " genres were named");
      }
    }
  }
}
