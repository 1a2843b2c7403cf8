/**
 * The checked, resolved form of a {@code .pmm} program, which an interpreter or compiler walks
 * directly. {@link org.pmm.lang.program.CheckedProgram} holds hyperparameters with their values
 * in force, data inputs with shapes, models and guides as statement lists ({@link
 * org.pmm.lang.program.ResolvedStatement}: assign, sample, param, plate) in execution order with
 * module instances and function calls already expanded, networks as flat layer lists with
 * constant options, and the training objectives with their optimisers and parameter groups.
 * Every expression ({@link org.pmm.lang.program.ResolvedExpr}) has each name resolved to a
 * hyperparameter, data input, parameter, sample site, local, model value, built-in or network,
 * and carries its {@link org.pmm.lang.program.Shape} (dimensions known, symbolic such as the
 * {@code N} of a data input, or unknown).
 *
 * <p>Execution semantics an interpreter follows: a model body runs top to bottom; {@code
 * Sample} with {@code observed} set scores the data input of that name; inside {@code Plate}
 * the data inputs whose first dimension is the plate's size are subsampled to the batch and
 * log-densities scaled by size / batch; a guide runs before its model and its sites are
 * replayed into the model; networks own their parameters and are shared by every call.
 *
 * <p>Imports: lang.ast, lang.vocabulary.
 */
package org.pmm.lang.program;
