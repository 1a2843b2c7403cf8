package org.pmm.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.tensor.Memory;

/**
 * Shuffled mini-batches of one epoch, prepared ahead on a background thread so that gathering
 * rows never stalls training, into native buffers that released batches hand back for reuse
 * ({@link BatchBuffers}). The order is a permutation of the given rows drawn from
 * {@code (seed, epoch)}; every row appears exactly once; the last batch may be smaller. At most
 * {@link #AHEAD} batches wait in memory. Close it (try-with-resources) to stop the thread early.
 *
 * <pre>{@code
 * try (BatchIterator batches = new BatchIterator(data, split.train(), 512, seed, epoch)) {
 *   while (batches.hasNext()) {
 *     BatchIterator.Batch b = batches.next();
 *     step(b.text(), b.image(), b.labels());
 *   }
 * }
 * }</pre>
 */
public final class BatchIterator implements Iterator<BatchIterator.Batch>, AutoCloseable {
  /** Batches prepared ahead of the consumer. */
  public static final int AHEAD = 2;

  /**
   * One mini-batch: float32 matrices B x 300, B x 4096, B x 23 and the rows they came from. A
   * batch from a {@link BatchIterator} lives in reused buffers: after {@link #release} its
   * matrices belong to a later batch, and reading them through the batch throws.
   */
  public static final class Batch implements NamedArrays {
    private final INDArray text;
    private final INDArray image;
    private final INDArray labels;
    private final int[] rows;
    private final boolean pooled;
    private boolean released;

    /** A batch of the caller's arrays, freed by {@link #release}. */
    public Batch(INDArray text, INDArray image, INDArray labels, int[] rows) {
      this(text, image, labels, rows, false);
    }

    private Batch(INDArray text, INDArray image, INDArray labels, int[] rows, boolean pooled) {
      this.text = text;
      this.image = image;
      this.labels = labels;
      this.rows = rows;
      this.pooled = pooled;
    }

    public INDArray text() {
      return held(text);
    }

    public INDArray image() {
      return held(image);
    }

    public INDArray labels() {
      return held(labels);
    }

    public int[] rows() {
      return rows;
    }

    public int size() {
      return rows.length;
    }

    /** The batch's arrays by their MM-IMDb dataset names ({@link Source#dataset()}). */
    @Override
    public INDArray array(String name) {
      if (name.equals(Source.TEXT.dataset())) {
        return text();
      } else if (name.equals(Source.IMAGE.dataset())) {
        return image();
      } else if (name.equals(Source.LABELS.dataset())) {
        return labels();
      }
      return null;
    }

    /**
     * Hands the batch's native buffers back now: to the iterators' buffers if they came from
     * there (the next batches reuse them), else freed. Left to the garbage collector they outlive their
     * step by as long as the collector waits, and a training step makes little Java garbage:
     * a main-job run reached 10.9 GB of resident memory that way. Do not use the batch after;
     * releasing twice does nothing.
     */
    public void release() {
      if (released) {
        return;
      }
      released = true;
      for (INDArray a : new INDArray[] {text, image, labels}) {
        if (pooled) {
          BatchBuffers.giveBack(a);
        } else {
          Memory.release(a);
        }
      }
    }

    private INDArray held(INDArray a) {
      if (released) {
        throw new IllegalStateException("batch of " + (rows == null ? "?" : rows.length)
            + " rows used after release(): its buffers now hold another batch");
      }
      return a;
    }
  }

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
  private final Thread producer;
  private Object next;
  private volatile boolean closed;

  /** Shuffled batches of {@code rows} for one epoch. */
  public BatchIterator(MmImdbData data, int[] rows, int batchSize, long seed, int epoch) {
    this(data, rows, batchSize, seed, epoch, 0);
  }

  /**
   * The same epoch's batches from batch {@code firstBatch} on (0-based): what is left of an
   * epoch that a checkpoint interrupted. The skipped batches are not read.
   */
  public BatchIterator(MmImdbData data, int[] rows, int batchSize, long seed, int epoch,
      int firstBatch) {
    this(data, remainder(shuffled(rows, seed, epoch), batchSize, firstBatch), batchSize);
  }

  private static int[] remainder(int[] order, int batchSize, int firstBatch) {
    if (firstBatch < 0 || batchSize <= 0) {
      throw new IllegalArgumentException("first batch must be >= 0 and batch size positive, got "
          + firstBatch + " and " + batchSize);
    }
    long from = Math.min(order.length, (long) firstBatch * batchSize);
    return java.util.Arrays.copyOfRange(order, (int) from, order.length);
  }

  /** Batches of {@code rows} in the given order (for evaluation). */
  public static BatchIterator inOrder(MmImdbData data, int[] rows, int batchSize) {
    return new BatchIterator(data, rows.clone(), batchSize);
  }

  private BatchIterator(MmImdbData data, int[] order, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    producer = new Thread(() -> produce(data, order, batchSize), "pmm-batches");
    producer.setDaemon(true);
    producer.start();
  }

  /** The epoch's order: a permutation of {@code rows} fixed by seed and epoch. */
  public static int[] shuffled(int[] rows, long seed, int epoch) {
    int[] order = rows.clone();
    SplittableRandom random = new RandomStreams(seed).stream(7, epoch);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private void produce(MmImdbData data, int[] order, int batchSize) {
    try {
      for (int start = 0; start < order.length && !closed; start += batchSize) {
        int[] rows = java.util.Arrays.copyOfRange(order, start,
            Math.min(order.length, start + batchSize));
        queue.put(new Batch(gathered(data, Source.TEXT, rows), gathered(data, Source.IMAGE, rows),
            gathered(data, Source.LABELS, rows), rows, true));
      }
      queue.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      try {
        queue.put(e);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static INDArray gathered(MmImdbData data, Source source, int[] rows) {
    INDArray out = BatchBuffers.take(rows.length, source.width());
    data.gather(source, rows, out);
    return out;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (next == null) {
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a batch", e);
      }
    }
    if (next instanceof RuntimeException failure) {
      throw failure;
    }
    return next != END;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Batch batch = (Batch) next;
    next = null;
    return batch;
  }

  /** Stops the background thread; pending batches are dropped and their buffers freed. */
  @Override
  public void close() {
    closed = true;
    producer.interrupt();
    releasePending();
    try {
      producer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    releasePending();
    if (next instanceof Batch b) {
      b.release();
      next = null;
    }
  }

  private void releasePending() {
    for (Object o = queue.poll(); o != null; o = queue.poll()) {
      if (o instanceof Batch b) {
        b.release();
      }
    }
  }
}
