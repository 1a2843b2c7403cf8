package org.pmm.experiment.systems;

/**
 * Builds a fresh system for one training cycle.
 *
 * <pre>{@code
 * SystemFactory f = MultimodalSystem::create;
 * TrainableSystem s = f.create(config, 15552, seed);
 * }</pre>
 */
@FunctionalInterface
public interface SystemFactory {
  TrainableSystem create(SystemConfig config, long trainRows, long seed);
}
