package org.pmm.fit;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.pmm.data.DataFile;
import org.pmm.lang.compile.CompiledProgram;
import org.pmm.lang.compile.DataBinding;
import org.pmm.lang.program.CheckedProgram;

/**
 * A program outside the MM-IMDb suite compiled on its data: the data file (or the inline data)
 * checked and its symbolic sizes bound ({@link DataBinder}), the program compiled with those
 * sizes, and the binding every step and draw reads.
 *
 * <pre>{@code
 * BoundProgram coin = BoundProgram.of(program, null, 0);
 * double loss = coin.step(0);
 * }</pre>
 */
public final class BoundProgram {
  private final CompiledProgram compiled;
  private final DataBinding binding;

  private BoundProgram(CompiledProgram compiled, DataBinding binding) {
    this.compiled = compiled;
    this.binding = binding;
  }

  /** {@code data} may be null (inline data only). */
  public static BoundProgram of(CheckedProgram program, Path data, long seed) {
    return of(program, data, seed, Set.of());
  }

  /** As {@link #of(CheckedProgram, Path, long)}; the entries {@code optional} names may be absent. */
  static BoundProgram of(CheckedProgram program, Path data, long seed, Set<String> optional) {
    DataFile file = data == null ? null : DataFile.read(data);
    Map<String, Long> sizes = DataBinder.bind(program, file, optional);
    CompiledProgram compiled = CompiledProgram.compile(program, seed, sizes);
    DataBinding binding = file == null ? compiled.inlineData()
        : compiled.batch(file, null, null, 0);
    return new BoundProgram(compiled, binding);
  }

  /** One training step (every objective of the program); returns its loss. */
  public double step(long step) {
    return compiled.step(binding, step);
  }

  public CompiledProgram compiled() {
    return compiled;
  }

  public DataBinding binding() {
    return binding;
  }
}
