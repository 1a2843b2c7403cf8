package org.pmm.tensor;

/**
 * Shapes that an operation cannot combine. The message names the operation and both shapes,
 * for example {@code matmul: [4, 3] @ [5, 2]: inner dimensions 3 and 5 differ}.
 *
 * <pre>{@code
 * throw new ShapeException("concat: shapes " + Tensor.shapeString(a) + " and "
 *     + Tensor.shapeString(b) + " differ outside axis 1");
 * }</pre>
 */
public class ShapeException extends IllegalArgumentException {
  public ShapeException(String message) {
    super(message);
  }
}
