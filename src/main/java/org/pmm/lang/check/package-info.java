/**
 * The checks of the {@code .pmm} front end and its entry point {@link
 * org.pmm.lang.check.ProgramChecker}: imports are loaded ({@code ProgramLoader}), names
 * resolved through scopes, shapes computed with broadcasting (symbolic dimensions such as
 * {@code N} stay symbols, hyperparameters are evaluated), plates checked against the data they
 * observe, guides against their models, and train/eval settings against the vocabulary.
 * Constants and hyperparameters are held to the ranges the vocabulary declares ({@code Ranges});
 * networks, functions and modules are expanded at their calls within a limit, and an error inside
 * an imported body is reported at the call in the checked file with notes. All errors are
 * collected and thrown together as {@link org.pmm.lang.check.CheckFailed}.
 * {@link org.pmm.lang.check.Hyperparameters} applies {@code --set} overrides.
 *
 * <p>Imports: base, infer, lang.ast, lang.diag, lang.parse, lang.program, lang.vocabulary.
 */
package org.pmm.lang.check;
