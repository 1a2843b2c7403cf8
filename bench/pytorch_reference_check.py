"""Self-test of bench/pytorch_reference.py (its --check mode).

The reference writes the Laplace sampler, both log-densities and ClippedAdam out by hand; these
checks compare them with independent computations: torch.distributions.Laplace, the Laplace
CDF, plain-Python optimiser arithmetic, and the PM+MO loss of docs/pmmo.md assembled from
torch.distributions for the same guide draw. Run as:
    python3 bench/pytorch_reference.py --check
"""
import math
import sys

import torch
import torch.nn.functional as F
from torch.distributions import Bernoulli, Laplace


class CheckFailed(Exception):
    pass


def close(name, got, want, tol):
    got, want = torch.as_tensor(got, dtype=torch.float64), torch.as_tensor(want, dtype=torch.float64)
    err = (got - want).abs().max().item()
    if not err <= tol:
        raise CheckFailed("%s: max abs error %.3g > %.3g" % (name, err, tol))


def check_log_density(ref):
    torch.manual_seed(0)
    x = torch.randn(1000, requires_grad=True)
    loc = torch.randn(1000, requires_grad=True)
    scale = (torch.rand(1000) * 3 + 0.05).requires_grad_()
    ours = ref.laplace_log_density(x, loc, scale)
    want = Laplace(loc, scale).log_prob(x)
    close("log-density", ours, want, 1e-12)
    for name, expr in (("d/dx", x), ("d/dloc", loc), ("d/dscale", scale)):
        g_ours = torch.autograd.grad(ours.sum(), expr, retain_graph=True)[0]
        g_want = torch.autograd.grad(want.sum(), expr, retain_graph=True)[0]
        close("log-density " + name, g_ours, g_want, 1e-10)
    prior = ref.laplace_log_density(x, 0.1, 0.01)       # the prior's float parameters
    close("log-density, float loc and scale", prior, Laplace(0.1, 0.01).log_prob(x), 1e-9)


def check_sampler(ref):
    torch.manual_seed(1)
    n = 200_000
    loc = torch.full((n,), 0.3, requires_grad=True)
    scale = torch.full((n,), 2.0, requires_grad=True)
    w = ref.laplace_rsample(loc, scale)
    points = torch.tensor([-6.0, -2.0, -0.5, 0.3, 1.0, 3.0, 8.0])
    empirical = (w.detach().unsqueeze(1) <= points).double().mean(0)
    # DKW: P(sup |F_n - F| > 0.01) <= 2 exp(-2 n 0.01^2) = 2 exp(-40)
    close("sampler CDF", empirical, Laplace(0.3, 2.0).cdf(points), 0.01)
    w.sum().backward()
    close("sample d/dloc", loc.grad, torch.ones(n), 0.0)
    close("sample d/dscale", scale.grad, (w.detach() - 0.3) / 2.0, 1e-9)


def adam_by_hand(p, grads, lr, clip=None, lrd=1.0, weight_decay=0.0, eps_scaled=False):
    """Element-wise Adam in plain Python: Pyro's ClippedAdam (clip, eps added to sqrt(v), the
    rate multiplied by lrd before each step, so step t uses lr * lrd^t) or PyTorch's Adam/AdamW
    (eps scaled by sqrt(1 - beta2^t), decoupled decay first)."""
    b1, b2, eps = 0.9, 0.999, 1e-8
    p, m, v = list(p), [0.0] * len(p), [0.0] * len(p)
    for t, g in enumerate(grads, start=1):
        rate = lr * lrd ** t
        c2 = math.sqrt(1 - b2 ** t)
        for i, gi in enumerate(g):
            if clip is not None:
                gi = max(-clip, min(clip, gi))
            p[i] *= 1 - rate * weight_decay
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * gi * gi
            denom = math.sqrt(v[i]) + (eps * c2 if eps_scaled else eps)
            p[i] -= rate * c2 / (1 - b1 ** t) * m[i] / denom
    return p


def run_optimiser(make, p0, grads):
    p = torch.tensor(p0, requires_grad=True)
    opt = make([p])
    for g in grads:
        p.grad = torch.tensor(g)
        opt.step()
    return p.detach()


def check_optimisers(ref):
    p0 = [0.5, -1.0, 2.0, 0.0]
    grads = [[20.0, -0.3, 1e-3, -11.0], [-50.0, 0.2, 5.0, 9.5], [3.0, -40.0, 0.0, 10.0]]
    got = run_optimiser(lambda ps: ref.ClippedAdam(ps, lr=0.005, clip=10.0), p0, grads)
    close("ClippedAdam", got, adam_by_hand(p0, grads, 0.005, clip=10.0), 1e-12)
    got = run_optimiser(lambda ps: ref.ClippedAdam(ps, lr=0.005, clip=1.0, lrd=0.5), p0, grads)
    close("ClippedAdam with lr decay", got, adam_by_hand(p0, grads, 0.005, 1.0, 0.5), 1e-12)
    # pmm's Adam and AdamW are PyTorch's formulation: the reference uses torch.optim's
    got = run_optimiser(lambda ps: torch.optim.AdamW(ps, lr=0.005, weight_decay=0.01), p0, grads)
    close("AdamW", got, adam_by_hand(p0, grads, 0.005, weight_decay=0.01, eps_scaled=True), 1e-12)
    got = run_optimiser(lambda ps: torch.optim.Adam(ps, lr=0.001), p0, grads)
    close("Adam", got, adam_by_hand(p0, grads, 0.001, eps_scaled=True), 1e-12)


def check_layers(ref):
    w = torch.tensor([[3.0, 4.0], [12.0, 16.0], [0.0, 0.0]])   # row norms 5, 20, 0
    ref.max_norm_rows_(w, 10.0)
    close("max-norm", w, [[3.0, 4.0], [6.0, 8.0], [0.0, 0.0]], 1e-12)
    layer = torch.nn.Linear(6, 6)
    with torch.no_grad():
        layer.weight.copy_(torch.eye(6))
        layer.bias.zero_()
    h = ref.maxout(layer, torch.tensor([[1.0, 5.0, 3.0, 2.0, 0.0, -1.0]]), 2)
    close("maxout groups adjacent columns", h, [[5.0, 3.0, 0.0]], 0.0)


def tiny(ref, system):
    h = ref.hyperparameters(system, "quick")
    h.update(hidden=4, classifier_width=3, maxout_pieces=2)
    torch.manual_seed(5)
    model = {"gmu": ref.Gmu, "pmmo": ref.Pmmo, "mmo": ref.Mmo}[system](h)
    torch.manual_seed(6)
    batch = (torch.randn(8, ref.TEXT), torch.relu(torch.randn(8, ref.IMAGE)),
             (torch.rand(8, ref.GENRES) < 0.3).double())
    return h, model, batch


def check_pmmo_loss(ref):
    h, model, batch = tiny(ref, "pmmo")
    t = 100
    model.keep_parts = True
    loss = model.loss(batch, t).item()
    parts = model.parts
    y, n = parts["y"], ref.TRAIN_ROWS
    log_lik = n / y.shape[0] * Bernoulli(logits=parts["logits_a"]).log_prob(y).sum()
    latent = 0.0
    for layer, (w, b) in zip(model.layers, parts["weights"]):
        for value, loc, rho in ((w, layer.w_loc, layer.w_rho), (b, layer.b_loc, layer.b_rho)):
            latent += (Laplace(h["prior_loc"], h["prior_scale"]).log_prob(value).sum()
                       - Laplace(loc, F.softplus(rho)).log_prob(value).sum())
    beta = h["kl_lambda"] + (1 - h["kl_lambda"]) * t / (h["kl_anneal_epochs"] * 31)
    penalty = h["l2"] * sum((loc ** 2).sum() for layer in model.layers for loc in layer.locs())
    p = torch.sigmoid(parts["logits_c"])
    bce_c = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
    want = (-(log_lik + beta * latent) + penalty) / n + bce_c
    close("PM+MO loss = docs/pmmo.md's formula", loss, want.item(), 1e-9 * max(1.0, abs(loss)))
    close("beta at step 0", model.beta(0), h["kl_lambda"], 0.0)
    close("beta after the ramp", model.beta(12 * 31), 1.0, 0.0)


def check_steps(ref):
    for system in ("gmu", "pmmo", "mmo"):
        h, model, batch = tiny(ref, system)
        before = [p.detach().clone() for p in model.classifier.parameters()]
        loss = model.step(batch, 0)
        if not math.isfinite(loss):
            raise CheckFailed("%s step: non-finite loss %r" % (system, loss))
        after = list(model.classifier.parameters())
        if all(torch.equal(a, b) for a, b in zip(after, before)):
            raise CheckFailed("%s step: the classifier's parameters did not change" % system)
        for layer in (model.classifier.maxout1, model.classifier.maxout2, model.classifier.out):
            top = layer.weight.norm(dim=1).max().item()
            if top > h["max_norm"] * (1 + 1e-9):
                raise CheckFailed("%s step: a weight column has norm %g > max_norm" % (system, top))


CHECKS = (check_log_density, check_sampler, check_optimisers, check_layers, check_pmmo_loss,
          check_steps)


def run_all(ref):
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)    # exact comparisons: float64 throughout
    try:
        for check in CHECKS:
            try:
                check(ref)
            except CheckFailed as e:
                print("pytorch_reference --check: FAILED in %s: %s" % (check.__name__, e))
                return 1
            sys.stderr.write("pytorch_reference --check: %s ok\n" % check.__name__)
    finally:
        torch.set_default_dtype(previous)
    print("pytorch_reference --check: %d checks passed" % len(CHECKS))
    return 0
