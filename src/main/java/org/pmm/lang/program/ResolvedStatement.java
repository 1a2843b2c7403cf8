package org.pmm.lang.program;

import java.util.List;
import org.pmm.lang.ast.SourceLocation;

/**
 * A checked statement of a model, guide or inlined function body, in execution order. Names
 * are qualified ({@code text_layer.weight} for a site of module instance {@code text_layer}).
 */
public sealed interface ResolvedStatement {
  SourceLocation location();

  record Assign(SourceLocation location, String local, ResolvedExpr value) implements ResolvedStatement {}

  /**
   * A sample site; {@code observed} names the data input it is conditioned on, or is null for
   * a latent site. {@code plates} lists the enclosing plates, outermost first.
   */
  record Sample(SourceLocation location, String site, ResolvedExpr.Distribution distribution, String observed,
      List<String> plates) implements ResolvedStatement {
    public Shape shape() {
      return distribution.shape();
    }
  }

  record Param(SourceLocation location, String name, Shape shape, ParamConstraint constraint, ResolvedExpr init)
      implements ResolvedStatement {}

  /**
   * {@code plate name(size, subsample)}: log-densities inside are scaled by size / subsample;
   * {@code subsample} is null for the full plate.
   */
  record Plate(SourceLocation location, String name, Dim size, ResolvedExpr subsample, List<ResolvedStatement> body)
      implements ResolvedStatement {}
}
