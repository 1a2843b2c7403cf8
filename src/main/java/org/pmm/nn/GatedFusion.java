package org.pmm.nn;

import org.pmm.tensor.Ops;
import org.pmm.tensor.Tensor;

/**
 * The gated multimodal unit (Arevalo et al., 2017) as PM+MO uses it (paper eq. 1-2):
 * {@code h_t = tanh(x_t W_t + b_t)}, {@code h_i = tanh(x_i W_i + b_i)},
 * {@code g = sigmoid([h_t, h_i] W_g + b_g)}, {@code z = g·h_i + (1 − g)·h_t}.
 *
 * <pre>{@code
 * Tensor z = GatedFusion.fuse(text, image, textLayer, imageLayer, gateLayer);
 * }</pre>
 */
public final class GatedFusion {
  private GatedFusion() {}

  public static Tensor fuse(Tensor text, Tensor image, Affine textLayer, Affine imageLayer,
      Affine gateLayer) {
    Tensor ht = textLayer.apply(text).tanh();
    Tensor hi = imageLayer.apply(image).tanh();
    Tensor gateLogits = gateLayer.applyToConcat(ht, hi);
    // g·h_i + (1 − g)·h_t = h_t + g·(h_i − h_t), in one pass
    return Ops.gatedMix(gateLogits, ht, hi);
  }
}
