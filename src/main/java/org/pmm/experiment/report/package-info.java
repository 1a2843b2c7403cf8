/**
 * Results files of {@code pmm train} and {@code pmm experiment} (docs/cli.md): the typed records of
 * {@code results.json} and their Jackson reading and writing, the per-cycle
 * {@code predictions-<slug>-cycle<k>.csv}, the figures ({@code fig1-genre-counts.png},
 * {@code fig2-validation-curves.png}, {@code fig3-per-genre.png}, drawn headless with JFreeChart)
 * and {@code report.md}, which sets our Tables 1 and 2 beside the paper's figures, states the
 * Welch comparisons in words and embeds the figures. Every file is written atomically.
 *
 * <p>Entry point: {@link org.pmm.experiment.report.ReportWriter#writeAll}. The report copes with
 * any subset of the paper's systems, down to the single system of {@code pmm train}.
 *
 * <p>Imports: base, io, experiment.metrics.
 */
package org.pmm.experiment.report;
