package org.pmm.experiment.report;

/**
 * A curve over epochs with its spread: the mean over cycles at each epoch and the sample
 * standard deviation (0 where one cycle reached the epoch), drawn as a line inside a band.
 *
 * <pre>{@code
 * CurveBand val = new CurveBand(new double[] {0.55, 0.58}, new double[] {0.01, 0.004});
 * }</pre>
 *
 * @param mean the mean at epoch e + 1
 * @param sd the standard deviation at epoch e + 1
 */
public record CurveBand(double[] mean, double[] sd) {}
