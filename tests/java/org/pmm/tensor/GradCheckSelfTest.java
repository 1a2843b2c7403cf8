package org.pmm.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.pmm.support.GradCheck;

/** The gradient checker must be able to fail: an operation with a wrong derivative is caught. */
class GradCheckSelfTest {
  @Test
  void wrongDerivativeIsDetected() {
    assertThrows(AssertionFailedError.class, () -> GradCheck.check("x^2 with derivative x",
        p -> Tensor.result("badSquare", p[0].value().mul(p[0].value()),
            g -> p[0].accumulate(g.mul(p[0].value()), true), p[0]),
        GradCheck.uniform(1, -1, 1, 2, 3)));
  }
}
