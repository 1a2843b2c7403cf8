package org.pmm.handlers;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.distributions.constraints.Constraint;

/** How a param site creates its parameter on first use: an initial value and a constraint. */
public record ParamRequest(Supplier<INDArray> init, Constraint constraint) {}
