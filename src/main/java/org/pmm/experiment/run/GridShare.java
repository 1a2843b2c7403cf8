package org.pmm.experiment.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The K-th of N shares of an experiment's (row, cycle) grid, for running the grid as N
 * independent processes ({@code pmm experiment --shard K/N}) that write into one output
 * directory. Every cell belongs to exactly one share, and which one depends only on the rows,
 * the number of cycles and N: each process computes the same partition without talking to the
 * others. Cells are dealt largest first to the share with the least estimated work so far
 * ({@link EpochCost} × epochs; ties go to the lower share), so that shares take about as long as
 * each other although rows differ fourfold in cost.
 *
 * <p>A cycle's numbers depend only on its row and seed (seed S + k), not on which process trains
 * it or what it trained before, so the union of the shares' results is the single-process run's.
 *
 * <pre>{@code
 * GridShare share = new GridShare(2, 4);
 * Set<GridShare.Cell> mine = share.cells(rows, 5);   // about a quarter of the 11 × 5 cells
 * }</pre>
 *
 * @param index K, from 1
 * @param count N, at least 1
 */
public record GridShare(int index, int count) {
  /** One cycle of one row, by the row's slug and the cycle's index from 0. */
  public record Cell(String slug, int cycle) {
    @Override
    public String toString() {
      return slug + " cycle " + (cycle + 1);
    }
  }

  /** The whole grid (one share of one). */
  public static final GridShare ALL = new GridShare(1, 1);

  public GridShare {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("a share is K/N with 1 <= K <= N, got " + index + "/"
          + count);
    }
  }

  /** The cells of this share, in grid order (rows in table order, cycles ascending). */
  public Set<Cell> cells(List<SystemRun.Row> rows, int cycles) {
    record Weighted(Cell cell, double cost, int order) {}
    List<Weighted> all = new ArrayList<>();
    for (SystemRun.Row row : rows) {
      double cost = EpochCost.of(row.config()) * row.config().epochs();
      for (int k = 0; k < cycles; k++) {
        all.add(new Weighted(new Cell(row.slug(), k), cost, all.size()));
      }
    }
    List<Weighted> byCost = new ArrayList<>(all);
    byCost.sort(Comparator.comparingDouble(Weighted::cost).reversed()
        .thenComparingInt(Weighted::order));
    double[] load = new double[count];
    int[] owner = new int[all.size()];
    for (Weighted w : byCost) {
      int least = 0;
      for (int s = 1; s < count; s++) {
        if (load[s] < load[least]) {
          least = s;
        }
      }
      load[least] += w.cost();
      owner[w.order()] = least + 1;
    }
    Set<Cell> mine = new LinkedHashSet<>();
    for (Weighted w : all) {
      if (owner[w.order()] == index) {
        mine.add(w.cell());
      }
    }
    return mine;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
