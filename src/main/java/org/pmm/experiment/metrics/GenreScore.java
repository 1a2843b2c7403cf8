package org.pmm.experiment.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Scores of one genre (one 0/1 column): the F1 of the positive class, the weighted F1 of the
 * paper's Figure 3 (scikit-learn's {@code f1_score(y[:, j], pred[:, j], average='weighted')}: the
 * F1 of class 1 and of class 0, weighted by their supports), and the support (true positives in
 * the column). Serialised as {@code per_genre.<genre>} in {@code results.json}.
 *
 * <pre>{@code
 * GenreScore drama = PerGenreF1.score(labels, predicted).get(0);
 * }</pre>
 */
public record GenreScore(
    double f1,
    @JsonProperty("weighted_f1") double weightedF1,
    long support) {}
