package org.pmm.lang.compile;

import org.pmm.lang.program.Dim;

/**
 * Where an expression is compiled: its scope of names, the size of the enclosing plate (null
 * outside plates; data inputs whose first dimension is that size are read subsampled) and the
 * prefix of the body's parameters in the store ({@code "fusion."}).
 */
record Where(Scope scope, Dim plate, String paramPrefix) {
  Where inPlate(Dim size) {
    return new Where(scope, size, paramPrefix);
  }

  Where child() {
    return new Where(scope.child(), plate, paramPrefix);
  }
}
