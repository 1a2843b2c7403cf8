package org.pmm.lang.compile;

/**
 * How a run treats sample sites: {@code TRAIN} goes through {@link org.pmm.Pmm#sample} (traced,
 * replayed and scored by an ELBO); {@code PREDICT_MEAN} takes the guide's locations (its
 * distributions' means); {@code PREDICT_SAMPLE} draws once from the guide without gradient.
 * Networks run in training mode (batch statistics, dropout) only under {@code TRAIN}.
 */
enum Mode {
  TRAIN, PREDICT_MEAN, PREDICT_SAMPLE
}
