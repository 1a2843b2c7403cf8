package org.pmm.lang.compile;

/**
 * How a run treats sample sites: {@code TRAIN} goes through {@link org.pmm.Pmm#sample} (traced,
 * replayed and scored by an ELBO); {@code POSTERIOR} also goes through it, so that a
 * posterior-predictive run can condition the model on guide draws, but draws the observed sites
 * instead of scoring them and takes every row of each plate; {@code PREDICT_MEAN} takes the
 * guide's locations (its distributions' means); {@code PREDICT_SAMPLE} draws once from the guide
 * without gradient; {@code PREDICT_DROPOUT} is {@code PREDICT_MEAN} with dropout on (MC
 * dropout, masks from the prediction stream). Networks use batch statistics only under
 * {@code TRAIN}, and dropout under {@code TRAIN} and {@code PREDICT_DROPOUT}.
 */
enum Mode {
  TRAIN, POSTERIOR, PREDICT_MEAN, PREDICT_SAMPLE, PREDICT_DROPOUT
}
