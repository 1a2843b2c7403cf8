/**
 * MM-IMDb data: reading and validating the HDF5 file, the surrogate generator used when the real
 * file is absent, splits, standardisation and background mini-batches.
 *
 * <p>{@link org.pmm.data.MmImdbFile} reads the four datasets pmm uses ({@code features},
 * {@code vgg_features}, {@code genres}, {@code imdb_ids}) row range by row range and ignores the
 * others; {@link org.pmm.data.MmImdbData} holds a validated file in memory;
 * {@link org.pmm.data.Split}, {@link org.pmm.data.Standardizer} and
 * {@link org.pmm.data.BatchIterator} prepare it for training. {@link org.pmm.data.SurrogateGenerator}
 * writes a file with the same layout and realistic statistics from a documented latent model, and
 * {@link org.pmm.data.DefaultData} caches one under {@code data/surrogate.h5}. The package depends
 * on no other pmm package except {@code org.pmm.base.UserError}/{@code ExitCodes} and
 * {@code org.pmm.io.AtomicFiles}.
 *
 * <p>Imports: base, io, tensor; not the modelling core or anything above it.
 */
package org.pmm.data;
