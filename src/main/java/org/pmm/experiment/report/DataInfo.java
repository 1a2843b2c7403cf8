package org.pmm.experiment.report;

/**
 * The {@code data} block of {@code results.json}: the data file as the user named it, its number
 * of rows, and the split used ({@code official} or {@code random}).
 *
 * <pre>{@code
 * new DataInfo("data/surrogate.h5", 25959, "official");
 * }</pre>
 */
public record DataInfo(String path, long rows, String split) {}
