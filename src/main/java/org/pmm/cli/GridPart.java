package org.pmm.cli;

import org.pmm.experiment.run.GridShare;

/**
 * Which part of an experiment's (row, cycle) grid one process does: all of it (and the report),
 * one share of it (no report: other shares write the same directory at the same time), or none,
 * merging the finished cycles of the shares into the report.
 *
 * <pre>{@code
 * GridPart.WHOLE;                          // pmm experiment, pmm train
 * GridPart.share(new GridShare(2, 4));     // pmm experiment --shard 2/4 --out DIR
 * GridPart.merge("pmm experiment --merge DIR");
 * }</pre>
 */
record GridPart(Kind kind, GridShare share, String mergeCommand) {
  enum Kind { WHOLE, SHARE, MERGE }

  static final GridPart WHOLE = new GridPart(Kind.WHOLE, GridShare.ALL, null);

  static GridPart share(GridShare share) {
    return new GridPart(Kind.SHARE, share, null);
  }

  /** Merging, by the command line the report shows beside the shares' command. */
  static GridPart merge(String mergeCommand) {
    return new GridPart(Kind.MERGE, null, mergeCommand);
  }

  /** A share joins the run its directory holds (or starts it), without --resume. */
  boolean joins() {
    return kind == Kind.SHARE;
  }
}
