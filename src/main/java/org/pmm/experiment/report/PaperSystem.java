package org.pmm.experiment.report;

import java.util.List;
import java.util.Optional;
import org.pmm.experiment.metrics.F1Scores;

/**
 * The rows of the paper that the experiment reproduces (docs/pmmo.md, systems), with the
 * paper's own F1 micro / macro / weighted / samples on the real MM-IMDb (means over 5 cycles) and
 * the table(s) each row belongs to. The GMU without regularisation appears only in Figure 2.
 *
 * <pre>{@code
 * PaperSystem.bySlug("gmu").get().paper();   // 0.618 / 0.528 / 0.608 / 0.617
 * }</pre>
 */
public record PaperSystem(String slug, String name, F1Scores paper, boolean inTable1,
    boolean inTable2) {

  /** Every row in the order of docs/pmmo.md's systems table. */
  public static final List<PaperSystem> ALL = List.of(
      new PaperSystem("pmmo-lkl-l2", "PM+MO (λKL+L2)", f1(0.620, 0.549, 0.617, 0.620), true, true),
      new PaperSystem("pmmo-lkl-l2-1024", "PM+MO (λKL+L2+1024)", f1(0.602, 0.524, 0.599, 0.607),
          true, false),
      new PaperSystem("gmu", "GMU baseline", f1(0.618, 0.528, 0.608, 0.617), true, false),
      new PaperSystem("pmmo-lkl-l1", "PM+MO (λKL+L1)", f1(0.612, 0.545, 0.613, 0.611), false, true),
      new PaperSystem("pmmo-lkl", "PM+MO (λKL)", f1(0.612, 0.544, 0.611, 0.612), false, true),
      new PaperSystem("pmmo-elbov2-l2", "PM+MO (ELBOv2+L2)", f1(0.618, 0.543, 0.614, 0.619),
          false, true),
      new PaperSystem("pmmo-elbov2", "PM+MO (ELBOv2)", f1(0.615, 0.541, 0.611, 0.616), false, true),
      new PaperSystem("pmmo-elbov1-l2", "PM+MO (ELBOv1+L2)", f1(0.617, 0.544, 0.614, 0.618),
          false, true),
      new PaperSystem("pmmo-elbov1", "PM+MO (ELBOv1)", f1(0.612, 0.543, 0.609, 0.613), false, true),
      new PaperSystem("mmo", "M+MO (2 units minus VI)", f1(0.611, 0.529, 0.602, 0.611), false, true),
      new PaperSystem("gmu-noreg", "GMU without regularisation", null, false, false));

  /** Paper's training seconds per epoch on one K80 GPU, where it gives them. */
  public Optional<Double> paperEpochSeconds() {
    switch (slug) {
      case "pmmo-lkl-l2":
        return Optional.of(5.25);
      case "gmu":
        return Optional.of(1.10);
      default:
        return Optional.empty();
    }
  }

  /** The paper row with this slug, if it is one. */
  public static Optional<PaperSystem> bySlug(String slug) {
    return ALL.stream().filter(s -> s.slug.equals(slug)).findFirst();
  }

  private static F1Scores f1(double micro, double macro, double weighted, double samples) {
    return new F1Scores(micro, macro, weighted, samples);
  }
}
