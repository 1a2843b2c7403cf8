/**
 * Classification metrics of the experiment suite, on plain Java arrays so that they do not depend
 * on the tensor engine: F1 micro, macro, weighted and samples with exactly scikit-learn's
 * {@code f1_score} definitions (zero_division = 0), per-genre F1 and the per-genre weighted F1
 * that the paper's Figure 3 plots, the mean and sample standard deviation of a metric over
 * training cycles, Welch's t-test between two systems, and a frequency baseline that predicts
 * the most common genres for every movie.
 *
 * <p>Probabilities become predictions with {@code p >= threshold} (see {@link
 * org.pmm.experiment.metrics.DecisionThreshold}); everything downstream works on 0/1 matrices of
 * shape rows × labels.
 *
 * <p>Imports: base.
 */
package org.pmm.experiment.metrics;
