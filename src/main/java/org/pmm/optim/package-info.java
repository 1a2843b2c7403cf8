/**
 * Optimisers that update parameters in place from their gradients (Sgd, Adam, AdamW,
 * ClippedAdam), with per-parameter state keyed by name so that checkpoints restore it exactly.
 *
 * <p>Imports: base, tensor.
 */
package org.pmm.optim;
