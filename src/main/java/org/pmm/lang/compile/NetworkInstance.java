package org.pmm.lang.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmm.Pmm;
import org.pmm.infer.TrainingState;
import org.pmm.lang.program.Definitions;
import org.pmm.nn.Init;
import org.pmm.params.ParamStore;
import org.pmm.tensor.BatchNormStats;
import org.pmm.tensor.StepArena;
import org.pmm.tensor.Ops;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A network of the program with its state: parameters live in the store under the names the
 * checker gave them ({@code classifier.2.maxout.weight}); batch-normalisation layers keep
 * running statistics here. Every call of the network shares both.
 *
 * <p>Defaults follow the Java reference layers ({@link org.pmm.nn.BatchNorm}): batchnorm
 * momentum 0.1 and epsilon 1e-3; linear and maxout weights Glorot-uniform over
 * [inputs, units × pieces], biases zero.
 */
final class NetworkInstance {
  private static final double MOMENTUM = 0.1;
  private static final double EPSILON = 1e-3;

  /**
   * One layer: {@code training} selects batch statistics, {@code rng} initialises parameters on
   * first use, {@code dropoutRng} draws dropout masks (null: no dropout, as in evaluation).
   */
  private interface Layer {
    Tensor apply(Tensor x, boolean training, RandomStream rng, RandomStream dropoutRng);
  }

  private final String name;
  private final List<Layer> layers = new ArrayList<>();
  /** Weight names of layers with a max-norm option, and their bounds. */
  private final List<String> maxNormWeights = new ArrayList<>();
  private final List<Double> maxNorms = new ArrayList<>();
  /** The batch-norm layers' statistics by layer name ({@code classifier.1.batchnorm}). */
  private final Map<String, TrainingState.BatchNormSlot> batchNorms = new LinkedHashMap<>();
  private boolean hasDropout;

  NetworkInstance(Definitions.NetworkDefinition definition) {
    this.name = definition.name();
    for (Definitions.Layer layer : definition.layers()) {
      layers.add(compile(layer));
    }
  }

  String name() {
    return name;
  }

  /** Whether a layer drops units (a dropout layer with p > 0, included by its condition). */
  boolean hasDropout() {
    return hasDropout;
  }

  /**
   * The network on {@code x}: batch statistics when {@code training}, parameters initialised
   * from {@code rng} on first use, dropout masks from {@code dropoutRng} (null: none).
   */
  Tensor apply(Tensor x, boolean training, RandomStream rng, RandomStream dropoutRng) {
    Tensor h = x;
    for (Layer l : layers) {
      h = l.apply(h, training, rng, dropoutRng);
    }
    return h;
  }

  /** The running statistics of this network's batch-norm layers (for checkpoints). */
  Map<String, TrainingState.BatchNormSlot> batchNorms() {
    return batchNorms;
  }

  /** Projects the weight columns of max-norm layers onto the ball, after an optimiser step. */
  void applyMaxNorm(ParamStore store) {
    for (int i = 0; i < maxNormWeights.size(); i++) {
      ParamStore.Entry e = store.entry(maxNormWeights.get(i));
      if (e != null) {
        Ops.maxNormColumns(e.unconstrained(), maxNorms.get(i));
      }
    }
  }

  private Layer compile(Definitions.Layer layer) {
    String kind = layer.spec().name();
    java.util.Map<String, Double> o = layer.options();
    switch (kind) {
      case "linear":
      case "maxout": {
        long units = o.get("units").longValue();
        long pieces = kind.equals("maxout") ? o.getOrDefault("pieces", 1.0).longValue() : 1;
        String weight = parameterName(layer, ".weight");
        String bias = o.getOrDefault("bias", 1.0) != 0 ? parameterName(layer, ".bias") : null;
        double maxNorm = o.getOrDefault("max_norm", 0.0);
        if (maxNorm > 0) {
          maxNormWeights.add(weight);
          maxNorms.add(maxNorm);
        }
        long columns = units * pieces;
        return (x, training, rng, dropoutRng) -> {
          long in = x.size(x.rank() - 1);
          Tensor w = Pmm.param(weight,
              () -> Init.glorotUniform(rng, ExpressionCompiler.TYPE, in, columns, in, columns));
          Tensor h;
          if (bias == null) {
            h = Ops.product(x, w);
          } else {
            Tensor b = Pmm.param(bias, () -> Init.zeros(ExpressionCompiler.TYPE, columns));
            h = Ops.affine(x, w, b);
          }
          if (pieces > 1) {
            h = h.rank() == 2 ? Ops.maxout(h, pieces)
                : h.reshape(h.size(0), units, pieces).max(2, false);
          }
          return h;
        };
      }
      case "batchnorm": {
        double momentum = o.getOrDefault("momentum", MOMENTUM);
        double eps = o.getOrDefault("eps", EPSILON);
        boolean affine = o.getOrDefault("affine", 1.0) != 0;
        String gamma = affine ? parameterName(layer, ".gamma") : null;
        String beta = affine ? parameterName(layer, ".beta") : null;
        LazyStats stats = new LazyStats(momentum, eps);
        batchNorms.put(layer.name(), stats);
        return (x, training, rng, dropoutRng) -> {
          long width = x.size(x.rank() - 1);
          Tensor g = affine
              ? Pmm.param(gamma, () -> Init.filled(ExpressionCompiler.TYPE, 1.0, width)) : null;
          Tensor b = affine
              ? Pmm.param(beta, () -> Init.zeros(ExpressionCompiler.TYPE, width)) : null;
          return Ops.batchNorm(x, g, b, stats.create(width), training);
        };
      }
      case "dropout": {
        double p = o.get("p");
        hasDropout |= p > 0;
        return (x, training, rng, dropoutRng) -> dropoutRng == null ? x
            : Ops.dropout(x, p, true, dropoutRng);
      }
      case "tanh":
        return (x, training, rng, dropoutRng) -> x.tanh();
      case "sigmoid":
        return (x, training, rng, dropoutRng) -> x.sigmoid();
      case "relu":
        return (x, training, rng, dropoutRng) -> x.relu();
      case "softplus":
        return (x, training, rng, dropoutRng) -> x.softplus();
      case "identity":
        return (x, training, rng, dropoutRng) -> x;
      default:
        throw new CompileError(layer.location(), "layer '" + kind + "' is not supported by the interpreter");
    }
  }

  /** Statistics created when the layer first runs and learns its width. */
  private static final class LazyStats implements TrainingState.BatchNormSlot {
    private final double momentum;
    private final double eps;
    private BatchNormStats stats;

    LazyStats(double momentum, double eps) {
      this.momentum = momentum;
      this.eps = eps;
    }

    @Override
    public BatchNormStats stats() {
      return stats;
    }

    @Override
    public BatchNormStats create(long features) {
      if (stats == null) {
        // running statistics outlive the step that first needs them
        stats = StepArena.outside(
            () -> new BatchNormStats(ExpressionCompiler.TYPE, features, momentum, eps));
      }
      return stats;
    }
  }

  private static String parameterName(Definitions.Layer layer, String suffix) {
    for (Definitions.Parameter p : layer.parameters()) {
      if (p.name().endsWith(suffix)) {
        return p.name();
      }
    }
    throw new CompileError(layer.location(), "layer " + layer.spec().name() + " has no parameter '*" + suffix + "'");
  }
}
