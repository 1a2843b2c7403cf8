package org.pmm.lang.check;

import java.util.ArrayList;
import java.util.List;
import org.pmm.lang.ast.Declaration;
import org.pmm.lang.ast.Expr;
import org.pmm.base.SpellingSuggestions;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.Shape;
import org.pmm.lang.vocabulary.Vocabulary;

/**
 * Checks {@code data { name: type[shape] = source }}. A capitalised name in a shape that is not
 * a hyperparameter ({@code N}) is a dimension bound when the data is loaded; inline values
 * ({@code [[0.1, 0.2], ...]}) must match the written shape and element type.
 */
final class DataChecker {
  private final Globals globals;
  private final ExpressionChecker expressions;

  DataChecker(Globals globals, ExpressionChecker expressions) {
    this.globals = globals;
    this.expressions = expressions;
  }

  void check(Declaration.Data data) {
    for (Declaration.DataEntry entry : data.entries()) {
      if (!Vocabulary.DATA_TYPES.contains(entry.type())) {
        globals.error(entry.typeLocation(), "unknown data type '" + entry.type() + "'"
            + SpellingSuggestions.didYouMean(entry.type(), Vocabulary.DATA_TYPES) + " (use real, int or binary)");
        continue;
      }
      Shape written = entry.shape() == null ? null : shape(entry.shape());
      String dataset = null;
      double[] values = null;
      Shape shape = written;
      if (entry.source() == null || entry.source() instanceof Expr.Text) {
        dataset = entry.source() == null ? entry.name() : ((Expr.Text) entry.source()).value();
        if (written == null) {
          globals.error(entry.location(), "data '" + entry.name() + "' read from a dataset needs a shape: "
              + entry.name() + ": " + entry.type() + "[N, ...]");
          continue;
        }
      } else {
        List<Double> flat = new ArrayList<>();
        Shape literal = inline(entry.source(), flat, entry.type());
        if (literal == null) {
          continue;
        }
        if (written != null && !fits(written, literal)) {
          globals.error(entry.source().location(), "data '" + entry.name() + "' is declared with shape " + written
              + " but its values have shape " + literal);
          continue;
        }
        shape = literal;
        values = flat.stream().mapToDouble(Double::doubleValue).toArray();
      }
      if (!globals.claim(entry.name(), entry.location())) {
        continue;
      }
      Definitions.DataInput input = new Definitions.DataInput(entry.name(), entry.location(), entry.type(), shape,
          dataset, values);
      globals.data.put(entry.name(), input);
      globals.scope.define(entry.name(), new Scope.Entry("data input", entry.location(),
          at -> new ResolvedExpr.DataRef(at, input.name(), input.shape())));
    }
  }

  private Shape shape(List<Expr> dims) {
    Dim[] out = new Dim[dims.size()];
    for (int i = 0; i < out.length; i++) {
      Expr dim = dims.get(i);
      if (dim instanceof Expr.Reference r && r.parts().size() == 1 && globals.scope.lookup(r.dotted()) == null
          && Character.isUpperCase(r.dotted().charAt(0))) {
        globals.dimensions.add(r.dotted());
        out[i] = new Dim.Symbol(r.dotted());
      } else {
        out[i] = expressions.dimension(dim, globals.scope);
      }
    }
    return Shape.of(out);
  }

  private static boolean fits(Shape written, Shape literal) {
    if (written.rank() != literal.rank()) {
      return false;
    }
    for (int i = 0; i < written.rank(); i++) {
      if (written.dim(i) instanceof Dim.Known && !written.dim(i).equals(literal.dim(i))) {
        return false;
      }
    }
    return true;
  }

  /** Flattens inline values row-major and returns their shape, or null after an error. */
  private Shape inline(Expr source, List<Double> flat, String type) {
    if (source instanceof Expr.Array array) {
      Shape element = null;
      for (Expr e : array.elements()) {
        Shape shape = inline(e, flat, type);
        if (shape == null) {
          return null;
        }
        if (element != null && !element.equals(shape)) {
          globals.error(e.location(), "rows of inline data have different shapes: " + element + " and " + shape);
          return null;
        }
        element = shape;
      }
      return Shape.of(Dim.of(array.elements().size())).append(element == null ? Shape.SCALAR : element);
    }
    Double value = source instanceof Expr.Number n ? Double.valueOf(n.value())
        : source instanceof Expr.Unary u && u.operand() instanceof Expr.Number n ? Double.valueOf(-n.value()) : null;
    if (value == null) {
      globals.error(source.location(), "inline data must be numbers or arrays of numbers");
      return null;
    }
    if (type.equals("binary") && value != 0 && value != 1 || type.equals("int") && value != Math.rint(value)) {
      globals.error(source.location(), "inline " + type + " data cannot hold " + Constants.format(value));
      return null;
    }
    flat.add(value);
    return Shape.SCALAR;
  }
}
