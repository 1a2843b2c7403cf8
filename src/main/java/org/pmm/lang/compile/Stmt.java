package org.pmm.lang.compile;

/** A compiled statement of a model, guide or inlined function body. */
@FunctionalInterface
interface Stmt {
  void run(Frame frame);

  /** Runs statements in order. */
  static Stmt sequence(java.util.List<Stmt> statements) {
    Stmt[] all = statements.toArray(Stmt[]::new);
    return frame -> {
      for (Stmt s : all) {
        s.run(frame);
      }
    };
  }
}
