package org.pmm.infer;

import java.util.List;
import java.util.function.Function;
import org.pmm.handlers.BlockMessenger;
import org.pmm.handlers.Message;
import org.pmm.handlers.PlateFrame;
import org.pmm.handlers.PlateMessenger;
import org.pmm.handlers.ScaleMessenger;
import org.pmm.handlers.SeedMessenger;
import org.pmm.handlers.Site;
import org.pmm.handlers.Trace;

/**
 * Pyro's {@code vectorize_particles=True}: K particles drawn in one pass of model and guide,
 * each run inside a plate of size K (named {@value #PLATE}) at a batch dimension left of every
 * dimension the model and guide use, and scaled by 1/K, so that the summed log-densities are
 * the mean over particles. Where Pyro needs {@code max_plate_nesting} or traces once to guess
 * it, this traces model and guide once, unvectorised, on the first call, and puts the plate left
 * of every plate and every batch dimension a site had then.
 *
 * <pre>{@code
 * VectorizedParticles particles = new VectorizedParticles(8);
 * int dim = particles.dim(model, guide, args);
 * Elbo.Particle p = Elbo.run(particles.wrap(model, dim), particles.wrap(guide, dim), args);
 * }</pre>
 */
final class VectorizedParticles {
  /** The particle plate's name, Pyro's. */
  static final String PLATE = "num_particles_vectorized";
  /**
   * The seed of the unvectorised pass: it draws from a stream of its own, so that the draws of
   * the first step do not depend on whether that pass ran before them.
   */
  private static final long PROBE_SEED = 0;

  private final int particles;
  private Integer dim;

  VectorizedParticles(int particles) {
    this.particles = particles;
  }

  int particles() {
    return particles;
  }

  /** The particle plate's dimension, found on the first call and kept. */
  <A> int dim(Function<A, ?> model, Function<A, ?> guide, A args) {
    if (dim == null) {
      dim = -(batchRank(model, guide, args) + 1);
    }
    return dim;
  }

  /**
   * The largest batch rank of a site of model or guide, in one pass hidden from the handlers
   * outside (a tracer there must not see the sites twice).
   */
  private static <A> int batchRank(Function<A, ?> model, Function<A, ?> guide, A args) {
    try (BlockMessenger hidden = new BlockMessenger().enter();
        SeedMessenger own = new SeedMessenger(PROBE_SEED).enter()) {
      Elbo.Particle probe = Elbo.run(model, guide, args);
      return Math.max(batchRank(probe.model()), batchRank(probe.guide()));
    }
  }

  private static int batchRank(Trace trace) {
    int rank = 0;
    for (Site site : trace.sites()) {
      if (site.type() == Message.Type.PARAM) {
        continue;
      }
      rank = Math.max(rank, PlateReduction.rank(site.plates()));
      if (site.type() == Message.Type.FACTOR) {
        rank = Math.max(rank, site.value().rank());
      } else {
        int event = site.distribution().eventShape().length;
        rank = Math.max(rank, site.distribution().batchShape().length);
        // an observation may carry batch dimensions its distribution broadcasts to
        rank = Math.max(rank, site.value().rank() - event);
      }
    }
    return rank;
  }

  /** {@code fn} run inside the particle plate at {@code dim}, its log-densities scaled by 1/K. */
  <A> Function<A, Object> wrap(Function<A, ?> fn, int dim) {
    return args -> {
      try (ScaleMessenger mean = new ScaleMessenger(1.0 / particles).enter();
          PlateMessenger plate = new PlateMessenger(PLATE, particles, range(particles), dim)
              .enter()) {
        return fn.apply(args);
      }
    };
  }

  /** The particle plate as sites record it, for {@link PlateReduction#reduceTo}. */
  List<PlateFrame> frames(int dim) {
    return List.of(new PlateFrame(PLATE, particles, particles, dim));
  }

  private static long[] range(int n) {
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
