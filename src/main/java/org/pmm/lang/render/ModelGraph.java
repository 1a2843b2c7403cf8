package org.pmm.lang.render;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.ResolvedStatement;

/**
 * A checked program's models as a Graphviz DOT graph, as Pyro's {@code render_model}: one
 * node per sample site (observed ones filled), per parameter (a box) and per data input read
 * (a filled box), one box (cluster) per plate labelled with its size, and an edge from every
 * site, parameter, data input or other model's value an expression depends on (through
 * locals and inlined functions) to the site whose distribution reads it.
 *
 * <pre>{@code
 * String dot = ModelGraph.dot(ProgramChecker.checkFile(path, "coin.pmm", Map.of()));
 * // digraph "coin.pmm" { subgraph "cluster_coin" { ... "p" -> "flips" ... } }
 * }</pre>
 */
public final class ModelGraph {
  /** A node: its id and how it is drawn. */
  private record Node(String id, String attributes) {}

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Set<String> edges = new LinkedHashSet<>();
  /** What each local depends on, in the model being walked. */
  private final Map<String, Set<String>> locals = new LinkedHashMap<>();
  private final StringBuilder out = new StringBuilder();

  private ModelGraph() {}

  /** The DOT text of every model of {@code program}, one cluster per model. */
  public static String dot(CheckedProgram program) {
    ModelGraph g = new ModelGraph();
    g.out.append("digraph ").append(quote(program.file())).append(" {\n");
    for (Definitions.ModelDefinition m : program.models().values()) {
      g.out.append("  subgraph ").append(quote("cluster_model_" + m.name())).append(" {\n")
          .append("    label=").append(quote("model " + m.name())).append(";\n");
      g.locals.clear();
      g.statements(m.body(), "    ");
      g.out.append("  }\n");
    }
    for (String e : g.edges) {
      g.out.append("  ").append(e).append(";\n");
    }
    return g.out.append("}\n").toString();
  }

  private void statements(List<ResolvedStatement> body, String indent) {
    for (ResolvedStatement s : body) {
      if (s instanceof ResolvedStatement.Assign a) {
        locals.put(a.local(), references(a.value(), indent));
      } else if (s instanceof ResolvedStatement.Param p) {
        node(p.name(), "shape=box", indent);
      } else if (s instanceof ResolvedStatement.Sample sample) {
        node(sample.site(), sample.observed() == null ? "shape=ellipse"
            : "shape=ellipse, style=filled, fillcolor=gray85", indent);
        for (String from : references(sample.distribution(), indent)) {
          edges.add(quote(from) + " -> " + quote(sample.site()));
        }
      } else if (s instanceof ResolvedStatement.Plate plate) {
        out.append(indent).append("subgraph ").append(quote("cluster_plate_" + plate.name()))
            .append(" {\n").append(indent).append("  label=")
            .append(quote(plate.name() + " (" + plate.size() + ")")).append(";\n");
        statements(plate.body(), indent + "  ");
        out.append(indent).append("}\n");
      }
    }
  }

  /** The nodes {@code e} depends on; data inputs and other models' values become nodes here. */
  private Set<String> references(ResolvedExpr e, String indent) {
    Set<String> refs = new LinkedHashSet<>();
    collect(e, refs, indent);
    return refs;
  }

  private void collect(ResolvedExpr e, Set<String> refs, String indent) {
    if (e instanceof ResolvedExpr.SiteRef s) {
      refs.add(s.name());
    } else if (e instanceof ResolvedExpr.ParamRef p) {
      refs.add(p.name());
    } else if (e instanceof ResolvedExpr.DataRef d) {
      node(d.name(), "shape=box, style=filled, fillcolor=gray95", indent);
      refs.add(d.name());
    } else if (e instanceof ResolvedExpr.LocalRef l) {
      refs.addAll(locals.getOrDefault(l.name(), Set.of()));
    } else if (e instanceof ResolvedExpr.ModelValue v) {
      String id = v.model() + "." + v.name();
      node(id, "shape=ellipse, style=dashed", indent);
      refs.add(id);
    } else if (e instanceof ResolvedExpr.NetworkCall n) {
      node("network " + n.network(), "shape=box, style=rounded", indent);
      refs.add("network " + n.network());
      collect(n.input(), refs, indent);
    } else if (e instanceof ResolvedExpr.Inlined f) {
      statements(f.body(), indent);
      collect(f.result(), refs, indent);
    } else if (e instanceof ResolvedExpr.Distribution d) {
      d.arguments().values().forEach(a -> collect(a, refs, indent));
    } else if (e instanceof ResolvedExpr.Builtin b) {
      b.arguments().values().forEach(a -> collect(a, refs, indent));
    } else if (e instanceof ResolvedExpr.Unary u) {
      collect(u.operand(), refs, indent);
    } else if (e instanceof ResolvedExpr.Binary b) {
      collect(b.left(), refs, indent);
      collect(b.right(), refs, indent);
    } else if (e instanceof ResolvedExpr.Index i) {
      collect(i.base(), refs, indent);
      i.indices().forEach(x -> collect(x, refs, indent));
    } else if (e instanceof ResolvedExpr.Conditional c) {
      collect(c.condition(), refs, indent);
      collect(c.then(), refs, indent);
      collect(c.otherwise(), refs, indent);
    } else if (e instanceof ResolvedExpr.Stack s) {
      s.elements().forEach(x -> collect(x, refs, indent));
    }
  }

  /** Declares a node once, inside the cluster being written. */
  private void node(String id, String attributes, String indent) {
    if (nodes.putIfAbsent(id, new Node(id, attributes)) == null) {
      out.append(indent).append(quote(id)).append(" [").append(attributes).append("];\n");
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
