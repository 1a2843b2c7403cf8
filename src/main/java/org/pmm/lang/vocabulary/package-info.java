/**
 * The vocabulary of the {@code .pmm} language in one table ({@link
 * org.pmm.lang.vocabulary.Vocabulary}): distributions and their argument names, ELBO
 * estimators, optimisers and their options, constraints, network layers, built-in functions
 * and symbol enumerations, with the {@link org.pmm.lang.vocabulary.Range} of every numeric
 * option, argument and setting. The checker validates names against it (with "did you mean") and
 * the compiler maps the same names onto the Java API, so the two cannot drift apart.
 *
 * <p>Imports: infer (the estimator registry).
 */
package org.pmm.lang.vocabulary;
