package org.pmm.lang.compile;

import org.pmm.base.ParameterTooLargeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.Pmm;
import org.pmm.data.NamedArrays;
import org.pmm.handlers.StepSeed;
import org.pmm.infer.Elbo;
import org.pmm.infer.NonFiniteLossException;
import org.pmm.infer.Svi;
import org.pmm.infer.TrainingState;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.ResolvedExpr;
import org.pmm.lang.program.ResolvedStatement;
import org.pmm.lang.program.Shape;
import org.pmm.optim.Optimizer;
import org.pmm.params.ParamStore;
import org.pmm.tensor.RandomStream;
import org.pmm.tensor.Tensor;

/**
 * A checked {@code .pmm} program compiled for execution with the Java API, define-by-run: each
 * training step runs the objectives' models, guides and networks through {@link Pmm#sample},
 * {@link Pmm#param} and {@link Pmm#plate}, sums the objectives ({@code step jointly}), takes one
 * gradient and lets each objective's optimiser step its parameter group; max-norm projections
 * follow the optimisers.
 *
 * <p>Randomness: parameter initialisation and dropout draw from one stream seeded with
 * {@code seed}, in execution order (as the Java systems do); sample sites draw from a stream
 * seeded per step with {@link #samplingSeed(long, long)}; predictive draws from a third stream.
 * The first and third are counters saved in checkpoints ({@link #state()}); the second needs no
 * saving.
 *
 * <pre>{@code
 * CheckedProgram checked = ProgramChecker.checkFile(Path.of("models/normal_normal.pmm"), "normal_normal.pmm");
 * CompiledProgram p = CompiledProgram.compile(checked, 0, Map.of());
 * for (long step = 0; step < 2000; step++) {
 *   p.step(p.inlineData(), step);
 * }
 * p.store().constrained("posterior.z_loc");
 * }</pre>
 */
public final class CompiledProgram {
  private final CheckedProgram checked;
  private final long seed;
  private final RandomStream rng;
  private final RandomStream predictionRng;
  private final ParamStore store = new ParamStore();
  private final Map<String, Long> symbolSizes;

  private final List<String> dataNames = new ArrayList<>();
  private final List<Shape> dataShapes = new ArrayList<>();
  private final Tensor[] inline;

  private final Map<String, NetworkInstance> networks = new LinkedHashMap<>();
  private final List<String> modelNames = new ArrayList<>();
  private final List<Scope> modelScopes = new ArrayList<>();
  private final List<Stmt> modelBodies = new ArrayList<>();
  private final List<Scope> guideScopes = new ArrayList<>();
  private final List<Stmt> guideBodies = new ArrayList<>();
  private final List<Boolean> latent = new ArrayList<>();
  private final List<Function<Run, Object>> modelFunctions = new ArrayList<>();
  private final List<Function<Run, Object>> guideFunctions = new ArrayList<>();

  private final List<Objective> objectives = new ArrayList<>();
  private final boolean jointly;
  private final EvalExpression predict;
  private final EvalExpression gate;
  private final int predictSamples;

  private final ExpressionCompiler expressions;
  private final BodyCompiler bodies;
  private TrainingState state;
  private Svi<DataBinding> svi;

  private CompiledProgram(CheckedProgram checked, long seed, Map<String, Long> symbolSizes) {
    this.checked = checked;
    this.seed = seed;
    this.rng = new RandomStream(seed);
    this.predictionRng = new RandomStream(samplingSeed(seed, -1));
    this.symbolSizes = Map.copyOf(symbolSizes);
    this.expressions = new ExpressionCompiler(this);
    this.bodies = new BodyCompiler(this, expressions);
    expressions.bodies(bodies);

    inline = new Tensor[checked.data().size()];
    for (Definitions.DataInput d : checked.data().values()) {
      int i = dataNames.size();
      dataNames.add(d.name());
      dataShapes.add(d.shape());
      if (d.inline()) {
        long[] shape = new long[d.shape().rank()];
        for (int k = 0; k < shape.length; k++) {
          shape[k] = ((Dim.Known) d.shape().dim(k)).size();
        }
        INDArray v = Nd4j.createFromArray(d.inlineValues()).castTo(ExpressionCompiler.TYPE);
        inline[i] = Tensor.constant(shape.length == 0 ? v.reshape() : v.reshape(shape));
      }
    }
    checked.networks().forEach((name, def) -> networks.put(name, new NetworkInstance(def)));
    for (Definitions.ModelDefinition m : checked.models().values()) {
      compileModel(m, checked.guides().get(m.name()));
    }
    Definitions.Training training = checked.training();
    jointly = training == null || !"alternately".equals(training.stepping());
    if (training != null) {
      for (Definitions.Objective o : training.objectives()) {
        objectives.add(ObjectiveCompiler.compile(this, expressions, o));
      }
    }
    predict = evalExpression(expressions, "predict");
    gate = evalExpression(expressions, "gate");
    ResolvedExpr samples = checked.evaluation() == null ? null : checked.evaluation().settings().get("predict_samples");
    Double s = samples == null ? null : expressions.scalarConstant(samples);
    predictSamples = s == null ? 0 : s.intValue();
  }

  /**
   * Compiles a checked program.
   *
   * @param seed seeds initialisation, dropout and sampling
   * @param symbolSizes full sizes of symbolic data dimensions ({@code N} → training rows), used
   *     by plates, the ELBO's 1/N and the annealing schedule's steps per epoch
   * @throws CompileError for a construct the interpreter does not support
   */
  public static CompiledProgram compile(CheckedProgram checked, long seed, Map<String, Long> symbolSizes) {
    return new CompiledProgram(checked, seed, symbolSizes);
  }

  /** The seed of the sampling stream at {@code step} (SplitMix64 of seed and step). */
  static long samplingSeed(long seed, long step) {
    return StepSeed.of(seed, step);
  }

  // ------------------------------------------------------------------ compilation

  private void compileModel(Definitions.ModelDefinition m, Definitions.GuideDefinition g) {
    int index = modelNames.size();
    modelNames.add(m.name());
    Scope scope = new Scope();
    modelScopes.add(scope);
    modelBodies.add(bodies.body(m.body(), new Where(scope, null, m.name() + ".")));
    latent.add(!m.latentSites().isEmpty());
    Scope guideScope = new Scope();
    guideScopes.add(guideScope);
    Stmt guideBody = g == null ? null
        : g.auto() == null ? bodies.body(g.body(), new Where(guideScope, null, m.name() + "."))
        : new AutoGuideBody(this, run -> modelFunctions.get(index).apply(run), m, g.auto(),
            g.location());
    guideBodies.add(guideBody);
    modelFunctions.add(run -> {
      Frame f = new Frame(run, modelScopes.get(index).size());
      modelBodies.get(index).run(f);
      return f;
    });
    guideFunctions.add(run -> {
      Frame f = new Frame(run, guideScopes.get(index).size());
      Stmt body = guideBodies.get(index);
      if (body != null) {
        body.run(f);
      }
      return f;
    });
  }

  /** The model's outermost plate (its data plate), or null. */
  private ResolvedStatement.Plate dataPlate(int model) {
    for (ResolvedStatement s : checked.models().get(modelNames.get(model)).body()) {
      if (s instanceof ResolvedStatement.Plate p) {
        return p;
      }
    }
    return null;
  }

  /** Steps in one epoch of the model's data plate: full size over subsample (1 without one). */
  long stepsPerEpoch(int model) {
    ResolvedStatement.Plate plate = dataPlate(model);
    if (plate == null || plate.subsample() == null) {
      return 1;
    }
    Long full = plate.size() instanceof Dim.Known k ? Long.valueOf(k.size())
        : symbolSizes.get(((Dim.Symbol) plate.size()).name());
    Double batch = expressions.scalarConstant(plate.subsample());
    if (full == null || batch == null || batch < 1) {
      return 1;
    }
    return (full + batch.longValue() - 1) / batch.longValue();
  }

  /** N of the ELBO's 1/N: the full size of the model's data plate (1 without plates). */
  double dataPlateSize(int model, DataBinding data) {
    ResolvedStatement.Plate plate = dataPlate(model);
    if (plate == null) {
      return 1;
    }
    return plate.size() instanceof Dim.Known k ? k.size() : data.symbolSize(((Dim.Symbol) plate.size()).name());
  }

  // ------------------------------------------------------------------ lookups for compilers

  RandomStream rng() {
    return rng;
  }

  RandomStream predictionRng() {
    return predictionRng;
  }

  int dataCount() {
    return dataNames.size();
  }

  int dataIndex(String name) {
    int i = dataNames.indexOf(name);
    if (i < 0) {
      throw new CompileError(null, "unknown data input '" + name + "'");
    }
    return i;
  }

  Shape dataShape(int index) {
    return dataShapes.get(index);
  }

  int modelCount() {
    return modelNames.size();
  }

  int modelIndex(String name) {
    int i = modelNames.indexOf(name);
    if (i < 0) {
      throw new CompileError(null, "unknown model '" + name + "'");
    }
    return i;
  }

  Scope modelScope(int index) {
    return modelScopes.get(index);
  }

  NetworkInstance network(String name) {
    NetworkInstance n = networks.get(name);
    if (n == null) {
      throw new CompileError(null, "unknown network '" + name + "'");
    }
    return n;
  }

  Function<Run, Object> modelFunction(int index) {
    return modelFunctions.get(index);
  }

  Function<Run, Object> guideFunction(int index) {
    return guideFunctions.get(index);
  }

  /** Runs a model whose values are read but that no objective of this run has run. */
  Frame runModel(int index, Run run) {
    boolean hasGuide = guideBodies.get(index) != null;
    if (run.traced()) {
      if (hasGuide && latent.get(index)) {
        return (Frame) Elbo.run(modelFunctions.get(index), guideFunctions.get(index), run).modelValue();
      }
      return (Frame) modelFunctions.get(index).apply(run);
    }
    Map<String, Tensor> guideValues = new HashMap<>();
    if (hasGuide) {
      Frame g = new Frame(run, guideScopes.get(index).size());
      g.recorded = guideValues;
      guideBodies.get(index).run(g);
    }
    Frame f = new Frame(run, modelScopes.get(index).size());
    f.substitutes = guideValues;
    modelBodies.get(index).run(f);
    return f;
  }

  // ------------------------------------------------------------------ data

  /** The program's inline data, unbatched. */
  public DataBinding inlineData() {
    return new DataBinding(inline.clone(), null, null, symbolSizes);
  }

  /**
   * A mini-batch: each data entry that is not inline reads the array of {@code arrays} named by
   * its dataset (or by its own name when it names none); its first dimension is the symbol
   * {@code symbol}, and {@code rows} are the batch's rows in the full data of {@code fullSize}
   * rows. Inline entries stay bound to their values; an entry {@code arrays} does not hold
   * stays unbound (a prediction needs no labels). With a null {@code symbol} (and {@code rows}),
   * every entry is read whole: a program outside the MM-IMDb suite on its data file.
   */
  public DataBinding batch(NamedArrays arrays, long[] rows, String symbol, long fullSize) {
    Tensor[] values = inline.clone();
    for (Definitions.DataInput d : checked.data().values()) {
      if (!d.inline()) {
        INDArray array = arrays.array(d.dataset() == null ? d.name() : d.dataset());
        if (array != null) {
          values[dataIndex(d.name())] = Tensor.constantAs(array, ExpressionCompiler.TYPE);
        }
      }
    }
    Map<String, Long> sizes = new HashMap<>(symbolSizes);
    if (symbol != null) {
      sizes.put(symbol, fullSize);
    }
    return new DataBinding(values, rows, symbol, sizes);
  }

  // ------------------------------------------------------------------ running

  /**
   * One training step of {@link #svi()}: every objective's loss, one gradient of their sum (or,
   * with {@code step alternately}, one gradient and optimiser step per objective in turn),
   * max-norm projections. Returns the summed loss; throws {@link NonFiniteLossException} on a NaN
   * or infinite loss or gradient.
   */
  public double step(DataBinding data, long step) {
    try {
      return svi().step(data, step);
    } catch (ParameterTooLargeException e) {
      throw e.hinted(ParameterSizes.hint(checked, e.shape()));
    }
  }

  /** Each objective's loss at the last training step, by objective name (see {@link Svi#lastLosses}). */
  public Map<String, Double> lastLosses() {
    return svi == null ? Map.of() : svi.lastLosses();
  }

  /**
   * The parts of the ELBO objectives' losses at the last training step, per datum like the
   * losses: objective name → part name → value (see {@link Svi#lastLossParts}).
   */
  public Map<String, Map<String, Double>> lastLossParts() {
    return svi == null ? Map.of() : svi.lastLossParts();
  }

  /**
   * The program's training as {@link Svi}: its objectives (those that run their models first,
   * so that the others read those models' values), each with its optimiser and parameter group,
   * sample sites seeded per step, networks' max-norm projections after each step.
   */
  public Svi<DataBinding> svi() {
    if (objectives.isEmpty()) {
      throw new CompileError(null, checked.file() + ": the program has no training objective");
    }
    if (svi == null) {
      Svi.Builder<DataBinding> b = Svi.<DataBinding>builder(store).seed(seed);
      List<Objective> ordered = new ArrayList<>(objectives);
      ordered.sort(java.util.Comparator.comparing(o -> !o.runsModel()));
      for (Objective o : ordered) {
        b.objective(o.name, (data, context) -> o.evaluate(context.computeIfAbsent(Run.class,
            () -> new Run(this, data, Mode.TRAIN, context.step()))), o.group, o.optimizer);
      }
      if (!jointly) {
        b.alternately();
      }
      b.afterStep(s -> networks.values().forEach(n -> n.applyMaxNorm(s)));
      svi = b.build();
    }
    return svi;
  }

  /**
   * The {@code eval { predict = ... }} expression in evaluation mode: with the guide's
   * locations, or the mean over {@code predict_samples} guide draws when that is positive.
   */
  public INDArray predict(DataBinding data) {
    return EvalPrediction.of(this).predict(data, predictSamples);
  }

  /**
   * {@code samples} draws of the {@code eval} block's prediction, summarised per element: guide
   * draws when the program has latent sites, else MC dropout when a network drops units, else
   * null (the prediction is deterministic).
   */
  public Predictive predictive(DataBinding data, int samples) {
    return EvalPrediction.of(this).predictive(data, samples);
  }

  /**
   * The {@code eval { gate = ... }} expression at the guide's locations (a fusion gate's
   * activation per row and unit), or null when the program has none.
   */
  public INDArray gate(DataBinding data) {
    return gate == null ? null : EvalPrediction.of(this).evaluate(gate, data);
  }

  /**
   * {@link #predict} and {@link #gate} of the same rows, {@code [prediction, gate]} (gate null
   * when the program has none), in one evaluation when the prediction is at the guide's
   * locations: the fusion model both read runs once.
   */
  public INDArray[] predictWithGate(DataBinding data) {
    if (gate == null || predictSamples > 0) {
      return new INDArray[] {predict(data), gate(data)};
    }
    return EvalPrediction.of(this).predictAnd(gate, data);
  }

  /** A compiled {@code eval} expression and the frame slots it needs. */
  record EvalExpression(Node node, int slots) {}

  private EvalExpression evalExpression(ExpressionCompiler expressions, String setting) {
    ResolvedExpr e = checked.evaluation() == null ? null
        : checked.evaluation().settings().get(setting);
    if (e == null) {
      return null;
    }
    Scope scope = new Scope();
    Node node = expressions.compile(e, new Where(scope, null, ""));
    return new EvalExpression(node, scope.size());
  }

  EvalExpression predictExpression() {
    if (predict == null) {
      throw new CompileError(null, checked.file() + ": the program has no 'predict' in its eval block");
    }
    return predict;
  }

  boolean hasLatentSites() {
    return latent.contains(true);
  }

  boolean hasDropout() {
    return networks.values().stream().anyMatch(NetworkInstance::hasDropout);
  }

  public ParamStore store() {
    return store;
  }

  /**
   * The state a checkpoint saves besides the parameters: each objective's optimiser (by
   * objective name) and estimator statistics, the networks' batch-norm statistics, the stream
   * {@code main} (initialisation and dropout) and the stream {@code prediction}. Sample sites
   * need nothing: their stream is derived from the seed and the step.
   */
  public TrainingState state() {
    if (state == null) {
      TrainingState s = new TrainingState();
      for (Objective o : objectives) {
        s.optimizer(o.name, o.optimizer);
        if (o instanceof ElboObjective e) {
          s.statistics(o.name, e.estimator().statistics());
        }
      }
      networks.values().forEach(n -> n.batchNorms().forEach(s::batchNorm));
      s.stream("main", rng).stream("prediction", predictionRng);
      state = s;
    }
    return state;
  }

  /** {@code train { epochs = ... }}, or 1 when the program does not say. */
  public int epochs() {
    ResolvedExpr e = checked.training() == null ? null : checked.training().settings().get("epochs");
    Double v = e == null ? null : expressions.scalarConstant(e);
    return v == null ? 1 : v.intValue();
  }

  /** Steps per epoch of a model's data plate (full size / subsample, rounded up; 1 without one). */
  public long stepsPerEpoch(String model) {
    return stepsPerEpoch(modelIndex(model));
  }

  public CheckedProgram checked() {
    return checked;
  }

  /** The ELBO estimator of objective {@code name} (null for another kind of objective). */
  Elbo estimator(String name) {
    for (Objective o : objectives) {
      if (o.name.equals(name)) {
        return o instanceof ElboObjective e ? e.estimator() : null;
      }
    }
    throw new IllegalArgumentException("no objective '" + name + "'");
  }

  /** The optimiser of each objective, by objective name. */
  public Map<String, Optimizer> optimizers() {
    Map<String, Optimizer> out = new LinkedHashMap<>();
    objectives.forEach(o -> out.put(o.name, o.optimizer));
    return out;
  }
}
