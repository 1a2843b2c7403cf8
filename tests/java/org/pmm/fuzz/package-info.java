/**
 * Bounded, seeded fuzz tests of the inputs pmm reads from users: mutants of the shipped
 * {@code .pmm} files must be accepted or rejected with located errors in the canonical form, and
 * damaged copies of an MM-IMDb HDF5 file must be rejected with a {@code UserError} naming the file.
 * Each test tries a few hundred inputs in the normal suite; {@code -Dpmm.fuzz.count=N} and
 * {@code -Dpmm.fuzz.seed=S} run more, and failing inputs are saved under
 * {@code target/fuzz-failures/} for reproduction.
 */
package org.pmm.fuzz;
