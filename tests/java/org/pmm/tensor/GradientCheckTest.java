package org.pmm.tensor;

import static org.pmm.support.GradCheck.uniform;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pmm.support.GradCheck;

/** Every operation's gradient against central finite differences, in double precision. */
class GradientCheckTest {

  record Case(String name, Function<Tensor[], Tensor> f, INDArray[] inputs) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Arguments op(String name, Function<Tensor[], Tensor> f, INDArray... inputs) {
    return Arguments.of(new Case(name, f, inputs));
  }

  private static INDArray u(long seed, long... shape) {
    return uniform(seed, -1.5, 1.5, shape);
  }

  private static INDArray pos(long seed, long... shape) {
    return uniform(seed, 0.3, 2.0, shape);
  }

  /** Values kept away from 0 so that abs, relu and sign-dependent ops are differentiable. */
  private static INDArray awayFromZero(long seed, long... shape) {
    INDArray x = uniform(seed, 0.2, 1.5, shape);
    INDArray s = uniform(seed + 1, -1, 1, shape);
    return x.muli(org.nd4j.linalg.ops.transforms.Transforms.sign(s, true));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        op("matmul", p -> p[0].matmul(p[1]), u(1, 4, 3), u(2, 3, 5)),
        op("affine, bias row", p -> Ops.affine(p[0], p[1], p[2]), u(1, 4, 3), u(2, 3, 5),
            u(3, 1, 5)),
        op("affine, bias vector", p -> Ops.affine(p[0], p[1], p[2]), u(1, 4, 3), u(2, 3, 5),
            u(3, 5)),
        op("affine of a concatenation", p -> Ops.affineOfConcat(new Tensor[] {p[0], p[1]}, p[2],
            p[3]), u(1, 4, 2), u(2, 4, 3), u(3, 5, 6), u(4, 1, 6)),
        op("affine of a concatenation, part used twice", p -> Ops.affineOfConcat(
            new Tensor[] {p[0], p[1], p[0]}, p[2], p[3]).add(p[2].sum()), u(1, 4, 2), u(2, 4, 3),
            u(3, 7, 6), u(4, 6)),
        op("add same shape", p -> p[0].add(p[1]), u(1, 3, 4), u(2, 3, 4)),
        op("add broadcast row", p -> p[0].add(p[1]), u(1, 3, 4), u(2, 1, 4)),
        op("add broadcast column", p -> p[0].add(p[1]), u(1, 3, 4), u(2, 3, 1)),
        op("add lower rank", p -> p[0].add(p[1]), u(1, 3, 4), u(2, 4)),
        op("add scalar tensor", p -> p[1].add(p[0]), u(1, 3, 4), Nd4j.scalar(0.7)),
        op("add constant", p -> p[0].add(2.5), u(1, 3, 4)),
        op("sub broadcast", p -> p[0].sub(p[1]), u(1, 3, 4), u(2, 1, 4)),
        op("sub broadcast left", p -> p[1].sub(p[0]), u(1, 3, 4), u(2, 3, 1)),
        op("mul broadcast", p -> p[0].mul(p[1]), u(1, 3, 4), u(2, 1, 4)),
        op("mul outer", p -> p[0].mul(p[1]), u(1, 3, 1), u(2, 1, 4)),
        op("mul two-sided broadcast", p -> p[0].mul(p[1]), u(1, 4, 1), u(2, 3)),
        op("add two-sided broadcast", p -> p[1].add(p[0]), u(1, 4, 1), u(2, 3)),
        op("div two-sided broadcast", p -> p[0].div(p[1]), u(1, 4, 1), pos(2, 3)),
        op("elementwise (custom derivative)", p -> Ops.elementwise("cube", p[0],
            p[0].value().mul(p[0].value()).muli(p[0].value()),
            p[0].value().mul(p[0].value()).muli(3)), u(1, 3, 4)),
        op("mul constant", p -> p[0].mul(-1.7), u(1, 3, 4)),
        op("div broadcast", p -> p[0].div(p[1]), u(1, 3, 4), pos(2, 1, 4)),
        op("div by matrix", p -> p[1].div(p[0]), pos(1, 3, 4), u(2, 3, 4)),
        op("neg", p -> p[0].neg(), u(1, 3, 4)),
        op("exp", p -> p[0].exp(), u(1, 3, 4)),
        op("log", p -> p[0].log(), pos(1, 3, 4)),
        op("log1p", p -> p[0].log1p(), uniform(1, -0.5, 2, 3, 4)),
        op("abs", p -> p[0].abs(), awayFromZero(1, 3, 4)),
        op("sign (zero gradient)", p -> p[0].sign().mul(p[0]), awayFromZero(1, 3, 4)),
        op("square", p -> p[0].square(), u(1, 3, 4)),
        op("sqrt", p -> p[0].sqrt(), pos(1, 3, 4)),
        op("pow", p -> p[0].pow(2.5), pos(1, 3, 4)),
        op("tanh", p -> p[0].tanh(), u(1, 3, 4)),
        op("sigmoid", p -> p[0].sigmoid(), u(1, 3, 4)),
        op("softplus", p -> p[0].softplus(), uniform(1, -30, 30, 3, 4)),
        op("logSigmoid", p -> p[0].logSigmoid(), uniform(1, -30, 30, 3, 4)),
        op("relu", p -> p[0].relu(), awayFromZero(1, 3, 4)),
        op("clamp", p -> p[0].clamp(-0.5, 0.5), awayFromZero(1, 3, 4)),
        op("sum all", p -> p[0].sum(), u(1, 3, 4)),
        op("sum of squares", p -> p[0].sumOfSquares(), u(1, 3, 4)),
        op("sum of abs", p -> p[0].sumOfAbs(), awayFromZero(1, 3, 4)),
        op("sum axis 0 keep", p -> p[0].sum(true, 0), u(1, 3, 4)),
        op("sum axis 1", p -> p[0].sum(false, 1), u(1, 3, 4)),
        op("sum axis -1 of rank 3", p -> p[0].sum(false, -1), u(1, 2, 3, 4)),
        op("sum axes 0,2 keep", p -> p[0].sum(true, 0, 2), u(1, 2, 3, 4)),
        op("mean all", p -> p[0].mean(), u(1, 3, 4)),
        op("mean axis 0", p -> p[0].mean(false, 0), u(1, 3, 4)),
        op("mean axis 1 keep", p -> p[0].mean(true, 1), u(1, 3, 4)),
        op("max axis 1", p -> p[0].max(1, false), u(1, 3, 4)),
        op("max axis 0 keep", p -> p[0].max(0, true), u(1, 3, 4)),
        op("max axis 2 (maxout)", p -> p[0].max(2, false), u(1, 2, 3, 4)),
        op("maxout, 3 pieces", p -> Ops.maxout(p[0], 3), u(1, 4, 6)),
        op("reshape", p -> p[0].reshape(2, 6).mul(p[0].reshape(2, 6)), u(1, 3, 4)),
        op("slice axis 0", p -> p[0].slice(0, 1, 3), u(1, 4, 3)),
        op("slice axis 1", p -> p[0].slice(1, 1, 2), u(1, 4, 3)),
        op("concat axis 1", p -> Ops.concat(1, p[0], p[1]), u(1, 3, 2), u(2, 3, 4)),
        op("concat axis 0", p -> Ops.concat(0, p[0], p[1]), u(1, 2, 3), u(2, 1, 3)),
        op("gather rows with repeats", p -> p[0].gatherRows(new long[] {2, 0, 2}), u(1, 4, 3)),
        op("gather rows of a vector", p -> p[0].gatherRows(new long[] {3, 1, 3}), u(1, 5)),
        op("gather rows of a rank-3 tensor", p -> p[0].gatherRows(new long[] {1, 0, 1}), u(1, 2, 3, 2)),
        op("where", p -> Ops.where(Nd4j.createFromArray(new double[][] {{1, 0, 1}}), p[0], p[1]),
            u(1, 2, 3), u(2, 2, 3)),
        op("laplace log-density, tensor parameters", p -> Ops.laplaceLogDensity(p[0], p[1], p[2]),
            awayFromZero(1, 3, 4), u(5, 3, 4).muli(0.01), pos(3, 3, 4)),
        op("laplace log-density, scalar parameters", p -> Ops.laplaceLogDensity(p[0], p[1], p[2]),
            awayFromZero(1, 3, 4), Nd4j.scalar(0.05), Nd4j.scalar(1.3)),
        op("laplace log-density sum, tensor parameters",
            p -> Ops.laplaceLogDensitySum(p[0], p[1], p[2]),
            awayFromZero(1, 3, 4), u(5, 3, 4).muli(0.01), pos(3, 3, 4)),
        op("laplace log-density sum, scalar parameters",
            p -> Ops.laplaceLogDensitySum(p[0], p[1], p[2]),
            awayFromZero(1, 3, 4), Nd4j.scalar(0.05), Nd4j.scalar(1.3)),
        op("laplace log-density sum, scalar loc, tensor scale",
            p -> Ops.laplaceLogDensitySum(p[0], p[1], p[2]),
            awayFromZero(1, 3, 4), Nd4j.scalar(0.05), pos(3, 3, 4)),
        op("bce with logits", p -> Ops.bceWithLogits(p[0],
            Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 0, 1}})), uniform(1, -8, 8, 2, 3)),
        op("batchnorm train", p -> Ops.batchNorm(p[0], p[1], p[2],
            new BatchNormStats(DataType.DOUBLE, 3, 0.1, 1e-5), true), u(1, 5, 3), u(2, 1, 3),
            u(3, 1, 3)),
        op("batchnorm eval", p -> Ops.batchNorm(p[0], p[1], p[2],
            new BatchNormStats(DataType.DOUBLE, 3, 0.1, 1e-5), false), u(1, 5, 3), u(2, 1, 3),
            u(3, 1, 3)),
        op("dropout train", p -> Ops.dropout(p[0], 0.4, true, new RandomStream(7)), u(1, 6, 5)),
        op("chain through shared input", p -> p[0].tanh().mul(p[0].sigmoid()).add(p[0]),
            u(1, 3, 4)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesFiniteDifferences(Case c) {
    GradCheck.check(c.name(), c.f(), c.inputs());
  }

  @Test
  void smallMlpEndToEnd() {
    INDArray x = u(10, 6, 4);
    INDArray y = Nd4j.createFromArray(new double[][] {
        {1, 0}, {0, 1}, {1, 1}, {0, 0}, {1, 0}, {0, 1}});
    GradCheck.check("mlp", p -> {
      Tensor in = Tensor.constant(x);
      Tensor h = in.matmul(p[0]).add(p[1]).tanh();
      Tensor out = h.matmul(p[2]).add(p[3]);
      return Ops.bceWithLogits(out, y).mean();
    }, u(11, 4, 5), u(12, 1, 5), u(13, 5, 2), u(14, 1, 2));
  }
}
