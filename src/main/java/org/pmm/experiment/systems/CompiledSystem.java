package org.pmm.experiment.systems;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.data.BatchIterator.Batch;
import org.pmm.data.Source;
import org.pmm.infer.TrainingState;
import org.pmm.lang.compile.CompileError;
import org.pmm.lang.compile.CompiledProgram;
import org.pmm.lang.compile.DataBinding;
import org.pmm.lang.compile.Predictive;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions;
import org.pmm.lang.program.Dim;
import org.pmm.params.ParamStore;
import org.pmm.tensor.HostArrays;

/**
 * A system of the experiment loop compiled from a {@code .pmm} program over MM-IMDb: its data
 * inputs are bound by dataset name ({@code features} to the batch's text, {@code vgg_features}
 * to its image, {@code genres} to its labels), all with the same symbolic row dimension.
 * Prediction evaluates the program's {@code eval { predict = ... }}.
 *
 * <pre>{@code
 * TrainableSystem s = new CompiledSystem(program, 15552, seed);
 * double loss = s.trainStep(batch, step);
 * float[][] p = s.predict(text, image);
 * }</pre>
 */
public final class CompiledSystem implements TrainableSystem {
  private final CompiledProgram program;
  private final String symbol;
  private final long trainRows;

  public CompiledSystem(CheckedProgram checked, long trainRows, long seed) {
    Map<Source, String> bound = new LinkedHashMap<>();
    String rows = null;
    for (Definitions.DataInput d : checked.data().values()) {
      if (d.inline()) {
        continue;
      }
      Source source = null;
      for (Source s : Source.values()) {
        if (s.dataset().equals(d.dataset())) {
          source = s;
        }
      }
      if (source == null) {
        throw new CompileError(d.location(), "data input '" + d.name() + "' reads dataset '" + d.dataset()
            + "'; an MM-IMDb system reads only features, vgg_features and genres");
      }
      if (bound.containsKey(source)) {
        throw new CompileError(d.location(), "dataset '" + d.dataset() + "' is read by two data inputs");
      }
      if (d.shape().rank() != 2 || !(d.shape().dim(0) instanceof Dim.Symbol s)
          || !(d.shape().dim(1) instanceof Dim.Known w) || w.size() != source.width()) {
        throw new CompileError(d.location(), "data input '" + d.name() + "' must have shape [N, "
            + source.width() + "] to read '" + d.dataset() + "', not " + d.shape());
      }
      if (rows != null && !rows.equals(s.name())) {
        throw new CompileError(d.location(), "every MM-IMDb input must have the same row dimension ('"
            + rows + "'), not '" + s.name() + "'");
      }
      rows = s.name();
      bound.put(source, d.name());
    }
    if (rows == null) {
      throw new CompileError(null, checked.file() + ": the program reads no MM-IMDb dataset");
    }
    this.symbol = rows;
    this.trainRows = trainRows;
    this.program = CompiledProgram.compile(checked, seed, Map.of(rows, trainRows));
    if (checked.evaluation() == null || !checked.evaluation().settings().containsKey("predict")) {
      throw new CompileError(null, checked.file() + ": an MM-IMDb system needs 'predict' in its eval block");
    }
  }

  @Override
  public java.util.Map<String, Double> lastLosses() {
    return program.lastLosses();
  }

  @Override
  public java.util.Map<String, java.util.Map<String, Double>> lastLossParts() {
    return program.lastLossParts();
  }

  @Override
  public double trainStep(Batch batch, long step) {
    long[] rows = new long[batch.rows().length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = batch.rows()[i];
    }
    return program.step(program.batch(batch, rows, symbol, trainRows), step);
  }

  @Override
  public float[][] predict(INDArray textRows, INDArray imageRows) {
    return HostArrays.rows(program.predict(binding(textRows, imageRows)));
  }

  @Override
  public Predictive predictive(INDArray textRows, INDArray imageRows, int samples) {
    return program.predictive(binding(textRows, imageRows), samples);
  }

  @Override
  public float[] gate(INDArray textRows, INDArray imageRows) {
    return perRow(program.gate(binding(textRows, imageRows)));
  }

  @Override
  public Evaluation predictWithGate(INDArray textRows, INDArray imageRows) {
    INDArray[] both = program.predictWithGate(binding(textRows, imageRows));
    return new Evaluation(HostArrays.rows(both[0]), perRow(both[1]));
  }

  /** The gate's mean over units per row; null for no gate. */
  private static float[] perRow(INDArray g) {
    if (g == null) {
      return null;
    }
    INDArray perRow = g.rank() == 1 ? g : g.reshape(g.size(0), -1).mean(1);
    return perRow.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
  }

  private DataBinding binding(INDArray textRows, INDArray imageRows) {
    long n = textRows.size(0);
    long[] rows = new long[Math.toIntExact(n)];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return program.batch(new Batch(textRows, imageRows, null, null), rows, symbol, n);
  }

  @Override
  public ParamStore store() {
    return program.store();
  }

  @Override
  public TrainingState state() {
    return program.state();
  }

  public CompiledProgram program() {
    return program;
  }
}
