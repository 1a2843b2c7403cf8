/**
 * Effect handlers: the {@link org.pmm.handlers.Messenger} base, the per-thread
 * {@link org.pmm.handlers.HandlerStack} a primitive's {@link org.pmm.handlers.Message} passes
 * through, one handler per class (trace, replay, condition, substitute, block, scale, mask,
 * seed, plate), and the {@link org.pmm.handlers.Trace} they record. Users reach them through
 * the factories of {@link org.pmm.Pmm}.
 *
 * <p>Imports: base, tensor, distributions, params.
 */
package org.pmm.handlers;
