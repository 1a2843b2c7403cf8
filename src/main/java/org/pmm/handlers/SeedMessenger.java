package org.pmm.handlers;

import org.pmm.tensor.RandomStream;

/** Makes the draws inside it repeatable: default sampling uses a stream seeded with the seed. */
public final class SeedMessenger extends Messenger<SeedMessenger> {
  private final long seed;
  private RandomStream previous;

  public SeedMessenger(long seed) {
    this.seed = seed;
  }

  @Override
  protected void entered() {
    previous = HandlerStack.swapRandom(new RandomStream(seed));
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
