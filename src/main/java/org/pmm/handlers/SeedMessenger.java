package org.pmm.handlers;

import org.pmm.tensor.RandomStream;

/** Makes the draws inside it repeatable: default sampling uses a stream seeded with the seed. */
public final class SeedMessenger extends Messenger {
  private final long seed;
  private RandomStream previous;

  public SeedMessenger(long seed) {
    this.seed = seed;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <M extends Messenger> M enter() {
    previous = HandlerStack.swapRandom(new RandomStream(seed));
    return super.enter();
  }

  @Override
  public void close() {
    super.close();
    if (previous != null) {
      HandlerStack.swapRandom(previous);
      previous = null;
    }
  }
}
