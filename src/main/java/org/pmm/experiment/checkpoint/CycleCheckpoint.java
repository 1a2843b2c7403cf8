package org.pmm.experiment.checkpoint;

/**
 * One checkpoint of one training cycle: which system and cycle, the fingerprint of the run's
 * configuration and data it belongs to, where the cycle stands and the system's state. A
 * complete checkpoint marks a finished cycle: it keeps the results (curves, selected epoch,
 * test probabilities) and no system state.
 *
 * <pre>{@code
 * CheckpointFile.write(path, new CycleCheckpoint("gmu", 0, 0, fingerprint, false, progress,
 *     SystemSnapshot.of(system)));
 * CycleCheckpoint c = CheckpointFile.read(path);
 * }</pre>
 *
 * @param system the system's slug
 * @param cycle the cycle's index (0-based)
 * @param seed the cycle's seed
 * @param fingerprint {@link RunManifest#fingerprint} of the run for this system
 * @param complete whether the cycle finished
 */
public record CycleCheckpoint(String system, int cycle, long seed, String fingerprint,
    boolean complete, CycleProgress progress, SystemSnapshot snapshot) {}
