package org.pmm.experiment.report;

/**
 * A series with its spread over cycles, per epoch or per genre: the mean over cycles at each
 * point and the sample standard deviation (0 where one cycle reached it), drawn as a line inside
 * a band (Figure 2) or as markers with error bars (Figure 3).
 *
 * <pre>{@code
 * CurveBand val = new CurveBand(new double[] {0.55, 0.58}, new double[] {0.01, 0.004});
 * }</pre>
 *
 * @param mean the mean at each point
 * @param sd the standard deviation at each point
 */
public record CurveBand(double[] mean, double[] sd) {}
