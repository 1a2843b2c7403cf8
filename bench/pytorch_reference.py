#!/usr/bin/env python3
"""PyTorch reference of the two training steps that `pmm bench` times (docs/pmmo.md, docs/cli.md).

The GMU baseline and PM+MO (and M+MO) written in plain PyTorch, with the shapes, optimisers and
loss of pmm's Java systems (org.pmm.experiment.systems): the same fixed random batch of 512 rows
(300 text + 4096 image inputs, 23 genres), batch-normalised inputs, the gated fusion unit,
the maxout classifier with batch norm and dropout, max-norm on the classifier's weight columns
after each step. PM+MO draws one Laplace sample of every weight of module A by the inverse CDF
and computes the prior and guide log-densities itself (no Pyro); A is stepped by ClippedAdam
(Pyro's: element-wise gradient clipping, then Adam; lr decay 1), C by AdamW, the GMU by Adam.

Examples:
    python3 bench/pytorch_reference.py --config bench --systems gmu,pmmo --steps 20
    python3 bench/pytorch_reference.py --check        # self-test, no timing
    python3 bench/pytorch_reference.py --serve --systems pmmo --config bench
        (reads a number of steps per line on stdin, answers one JSON line each; used by
         `pmm bench --compare-pytorch`, which alternates its own rounds with these)

Output (standalone): one JSON object,
    {"torch_version": ..., "threads": 2, "config": "bench",
     "results": [{"system": "gmu", "config": "bench", "step_seconds": 0.29,
                  "step_seconds_min": ..., "step_seconds_max": ..., "steps": 20}, ...]}
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

# Idle OpenMP threads sleep instead of spinning, as under the ./pmm launcher: on a machine with
# other load, spinning made this script's bench-config steps 2 to 5 times slower (measured;
# docs/performance.md). Set before torch loads its OpenMP runtime; an explicit setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

try:
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError:
    sys.stderr.write("pytorch_reference.py: PyTorch is not installed for %s; on Debian:"
                     " apt-get install python3-torch\n" % sys.executable)
    sys.exit(1)

BATCH = 512
TEXT = 300
IMAGE = 4096
GENRES = 23
TRAIN_ROWS = 15552          # the official split's training rows, as StepBenchmark uses
WARMUP_STEPS = 3            # no JIT to wait for: steps 1-10 ran as fast as 11-50 (measured)
LAPLACE_U_MARGIN = 1e-6     # uniform draws stay inside (-1/2, 1/2), as pmm's RandomStream
SYSTEMS = ("gmu", "pmmo", "mmo")

# StepBenchmark.configuration: overrides of the models' defaults per bench config (docs/cli.md).
CONFIGS = {
    "bench": {"hidden": 1024, "classifier_width": 512, "maxout_pieces": 2},
    "quick": {"hidden": 256, "classifier_width": 256, "maxout_pieces": 2},
    "paper": {},
}


def hyperparameters(system, config):
    """The system's defaults (docs/pmmo.md; pmm's Defaults) with the bench config's overrides."""
    gmu = system == "gmu"
    h = {
        "hidden": 512 if gmu else 3000, "classifier_width": 512 if gmu else 3000,
        "maxout_pieces": 2 if gmu else 5, "dropout": 0.7 if gmu else 0.9,
        "lr": 0.001 if gmu else 0.005, "weight_decay": 0.01, "clip": 10.0, "max_norm": 10.0,
        "kl_lambda": 0.2, "kl_anneal_epochs": 12, "l1": 0.0, "l2": 0.1,
        "prior_loc": 0.0, "prior_scale": 1.0, "guide_scale_init": 0.01,
    }
    h.update(CONFIGS[config])
    return h


# ---------------------------------------------------------------- Laplace, written out

def laplace_log_density(x, loc, scale):
    """log Laplace(x | loc, scale) = -|x - loc| / scale - log(2 scale), element-wise."""
    if isinstance(scale, float):
        return (x - loc).abs() / -scale - math.log(2.0 * scale)
    return -(x - loc).abs() / scale - torch.log(2.0 * scale)


def laplace_rsample(loc, scale):
    """loc + scale * eps, eps standard Laplace by the inverse CDF: -sign(u) log(1 - 2|u|)."""
    h = 0.5 - LAPLACE_U_MARGIN
    u = torch.empty_like(loc).uniform_(-h, h)
    eps = -torch.sign(u) * torch.log1p(-2.0 * u.abs())
    return loc + scale * eps


# ---------------------------------------------------------------- optimisers

class ClippedAdam(torch.optim.Optimizer):
    """Pyro's ClippedAdam: clamp every gradient element to [-clip, clip], then Adam
    (denominator sqrt(v) + eps); the learning rate is multiplied by lrd before each step.
    pmm's ClippedAdam scales eps by sqrt(1 - beta2^t), like torch.optim.Adam: the two differ
    in the 1e-8 term only, and not in the work a step does."""

    def __init__(self, params, lr, clip, lrd=1.0, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, dict(lr=lr, clip=clip, lrd=lrd, betas=betas, eps=eps))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            group["lr"] *= group["lrd"]
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad.clamp_(-group["clip"], group["clip"])
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["m"] = torch.zeros_like(p)
                    state["v"] = torch.zeros_like(p)
                state["step"] += 1
                m, v, t = state["m"], state["v"], state["step"]
                m.mul_(beta1).add_(grad, alpha=1 - beta1)
                v.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                step_size = group["lr"] * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
                p.addcdiv_(m, v.sqrt().add_(group["eps"]), value=-step_size)


# ---------------------------------------------------------------- layers

def glorot_linear(fan_in, fan_out):
    """nn.Linear with Glorot-uniform weight and zero bias, as pmm's Linear."""
    layer = nn.Linear(fan_in, fan_out)
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


def batch_norm(features, affine):
    return nn.BatchNorm1d(features, eps=1e-3, momentum=0.1, affine=affine)


def maxout(layer, x, pieces):
    """Columns u*pieces .. u*pieces+pieces-1 of the affine output belong to unit u."""
    h = layer(x)
    return h.view(x.shape[0], -1, pieces).amax(dim=2) if pieces > 1 else h


def fuse(text, image, text_layer, image_layer, gate_layer):
    """The gated multimodal unit: z = g * h_i + (1 - g) * h_t (paper eq. 1-2)."""
    ht = torch.tanh(F.linear(text, *text_layer))
    hi = torch.tanh(F.linear(image, *image_layer))
    g = torch.sigmoid(F.linear(torch.cat((ht, hi), dim=1), *gate_layer))
    return ht + g * (hi - ht)


class Classifier(nn.Module):
    """Module C: bn -> maxout -> bn -> dropout -> maxout -> bn -> linear(23)."""

    def __init__(self, inputs, h):
        super().__init__()
        width, self.pieces = h["classifier_width"], h["maxout_pieces"]
        self.dropout, self.max_norm = h["dropout"], h["max_norm"]
        self.bn0 = batch_norm(inputs, True)
        self.maxout1 = glorot_linear(inputs, width * self.pieces)
        self.bn1 = batch_norm(width, True)
        self.maxout2 = glorot_linear(width, width * self.pieces)
        self.bn2 = batch_norm(width, True)
        self.out = glorot_linear(width, GENRES)

    def forward(self, z):
        h = self.bn1(maxout(self.maxout1, self.bn0(z), self.pieces))
        h = F.dropout(h, self.dropout, training=True)
        return self.out(self.bn2(maxout(self.maxout2, h, self.pieces)))

    @torch.no_grad()
    def apply_max_norm(self):
        # nn.Linear keeps weights as (out, in): a row here is a column of pmm's (in, out) W.
        for layer in (self.maxout1, self.maxout2, self.out):
            max_norm_rows_(layer.weight, self.max_norm)


def max_norm_rows_(weight, max_norm):
    """Rescale, in place, every row whose L2 norm exceeds max_norm to norm max_norm."""
    if max_norm > 0:
        norms = weight.norm(dim=1, keepdim=True)
        weight.mul_(torch.clamp(max_norm / norms, max=1.0))


class BayesianLinear(nn.Module):
    """Guide of one Bayesian affine layer: Laplace(loc, softplus(rho)) for W and b."""

    def __init__(self, fan_in, fan_out, h):
        super().__init__()
        self.prior_loc, self.prior_scale = float(h["prior_loc"]), float(h["prior_scale"])
        rho = math.log(math.expm1(h["guide_scale_init"]))  # softplus(rho) = guide_scale_init
        self.w_loc = nn.Parameter(torch.empty(fan_out, fan_in))
        nn.init.xavier_uniform_(self.w_loc)
        self.w_rho = nn.Parameter(torch.full((fan_out, fan_in), rho))
        self.b_loc = nn.Parameter(torch.zeros(fan_out))
        self.b_rho = nn.Parameter(torch.full((fan_out,), rho))

    def locs(self):
        return (self.w_loc, self.b_loc)

    def sample(self):
        """One guide draw of (W, b) and Σ [log p(w) - log q(w)] over the layer's weights."""
        out, latent = [], 0.0
        for loc, rho in ((self.w_loc, self.w_rho), (self.b_loc, self.b_rho)):
            scale = F.softplus(rho)
            w = laplace_rsample(loc, scale)
            log_q = laplace_log_density(w, loc, scale).sum()
            log_p = laplace_log_density(w, self.prior_loc, self.prior_scale).sum()
            latent = latent + (log_p - log_q)
            out.append(w)
        return tuple(out), latent


# ---------------------------------------------------------------- systems

class System:
    """A system's training step: forward, backward, optimiser updates, max-norm."""

    def __init__(self, h):
        self.h = h
        self.input_norms = (batch_norm(TEXT, False), batch_norm(IMAGE, False))
        self.classifier = Classifier(h["hidden"], h)

    def inputs(self, batch):
        text, image, labels = batch
        return self.input_norms[0](text), self.input_norms[1](image), labels

    def step(self, batch, t):
        loss = self.loss(batch, t)
        for opt in self.optimisers:
            opt.zero_grad(set_to_none=True)
        loss.backward()
        for opt in self.optimisers:
            opt.step()
        self.classifier.apply_max_norm()
        return loss.item()


class DeterministicFusion(System):
    """Systems whose module A is the deterministic gated fusion unit (GMU and M+MO)."""

    def __init__(self, h):
        super().__init__(h)
        d = h["hidden"]
        self.fusion = nn.ModuleList([glorot_linear(TEXT, d), glorot_linear(IMAGE, d),
                                     glorot_linear(2 * d, d)])

    def fused(self, text, image):
        return fuse(text, image, *[(l.weight, l.bias) for l in self.fusion])


class Gmu(DeterministicFusion):
    """The GMU baseline: one BCE objective on the classifier, Adam over every parameter."""

    def __init__(self, h):
        super().__init__(h)
        params = list(self.fusion.parameters()) + list(self.classifier.parameters())
        self.optimisers = [torch.optim.Adam(params, lr=h["lr"])]

    def loss(self, batch, t):
        text, image, y = self.inputs(batch)
        return F.binary_cross_entropy_with_logits(self.classifier(self.fused(text, image)), y)


class Mmo(DeterministicFusion):
    """M+MO: A's auxiliary head's BCE plus C's BCE; AdamW for both groups."""

    def __init__(self, h):
        super().__init__(h)
        self.head = glorot_linear(h["hidden"], GENRES)
        a = list(self.fusion.parameters()) + list(self.head.parameters())
        self.optimisers = [
            torch.optim.AdamW(a, lr=h["lr"], weight_decay=h["weight_decay"]),
            torch.optim.AdamW(self.classifier.parameters(), lr=h["lr"],
                              weight_decay=h["weight_decay"])]

    def loss(self, batch, t):
        text, image, y = self.inputs(batch)
        z = self.fused(text, image)
        return (F.binary_cross_entropy_with_logits(self.head(z), y)
                + F.binary_cross_entropy_with_logits(self.classifier(z), y))


class Pmmo(System):
    """PM+MO: Bayesian A (Laplace prior and guide on every weight), the loss of docs/pmmo.md."""

    def __init__(self, h):
        super().__init__(h)
        d = h["hidden"]
        self.layers = nn.ModuleList([BayesianLinear(n_in, n_out, h)
                                     for n_in, n_out in ((TEXT, d), (IMAGE, d), (2 * d, d),
                                                         (d, GENRES))])
        steps_per_epoch = -(-TRAIN_ROWS // BATCH)
        self.anneal_steps = h["kl_anneal_epochs"] * steps_per_epoch
        self.optimisers = [
            ClippedAdam(self.layers.parameters(), lr=h["lr"], clip=h["clip"]),
            torch.optim.AdamW(self.classifier.parameters(), lr=h["lr"],
                              weight_decay=h["weight_decay"])]
        self.keep_parts = False     # --check sets it: timed steps keep nothing alive
        self.parts = None

    def beta(self, t):
        """KL annealing: from kl_lambda up to 1, linear per step over kl_anneal_epochs."""
        lam = self.h["kl_lambda"]
        if self.anneal_steps <= 0 or t >= self.anneal_steps:
            return 1.0
        return lam + (1 - lam) * t / self.anneal_steps

    def loss(self, batch, t):
        text, image, y = self.inputs(batch)
        weights, latent = [], 0.0
        for layer in self.layers:
            w, lat = layer.sample()
            weights.append(w)
            latent = latent + lat
        z = fuse(text, image, *weights[:3])
        logits_a = F.linear(z, *weights[3])
        scale = TRAIN_ROWS / text.shape[0]
        log_lik = -scale * F.binary_cross_entropy_with_logits(logits_a, y, reduction="sum")
        elbo_a = log_lik + self.beta(t) * latent
        penalty = 0.0
        for layer in self.layers:
            for loc in layer.locs():
                if self.h["l2"] > 0:
                    penalty = penalty + self.h["l2"] * loc.square().sum()
                if self.h["l1"] > 0:
                    penalty = penalty + self.h["l1"] * loc.abs().sum()
        logits_c = self.classifier(z)
        bce_c = F.binary_cross_entropy_with_logits(logits_c, y)
        if self.keep_parts:     # --check recomputes the loss from these
            self.parts = dict(weights=weights, logits_a=logits_a, logits_c=logits_c, y=y)
        return (-elbo_a + penalty) / TRAIN_ROWS + bce_c


def build(system, config, seed=0):
    torch.manual_seed(seed)
    h = hyperparameters(system, config)
    return {"gmu": Gmu, "pmmo": Pmmo, "mmo": Mmo}[system](h)


def random_batch(rows=BATCH):
    """As StepBenchmark.randomBatch: normal text, ReLU'd normal image, 10% positive labels."""
    torch.manual_seed(1)
    text = torch.randn(rows, TEXT)
    image = torch.relu(torch.randn(rows, IMAGE))
    labels = (torch.rand(rows, GENRES) < 0.1).float()
    return text, image, labels


# ---------------------------------------------------------------- timing

class Timer:
    """A built system, warmed up, whose steps are timed in rounds."""

    def __init__(self, system, config):
        self.system, self.config = system, config
        self.model = build(system, config)
        self.batch = random_batch()
        self.t = 0
        self.loss = None
        self.run(WARMUP_STEPS)

    def run(self, steps):
        seconds = []
        for _ in range(steps):
            start = time.perf_counter()
            self.loss = self.model.step(self.batch, self.t)
            seconds.append(time.perf_counter() - start)
            self.t += 1
            if not math.isfinite(self.loss):
                raise RuntimeError("%s: non-finite loss %r at step %d"
                                   % (self.system, self.loss, self.t))
        return seconds


def summary(system, config, seconds, loss):
    return {"system": system, "config": config,
            "step_seconds": statistics.median(seconds), "step_seconds_min": min(seconds),
            "step_seconds_max": max(seconds), "steps": len(seconds), "last_loss": loss}


def header(config, threads):
    return {"torch_version": torch.__version__, "threads": threads, "config": config}


def serve(system, config, threads):
    """One JSON line when ready, then one per request: a line with a number of steps."""
    timer = Timer(system, config)
    reply = dict(header(config, threads), ready=True, system=system)
    print(json.dumps(reply), flush=True)
    for line in sys.stdin:
        request = line.strip()
        if request == "quit":
            return 0
        if not request.isdigit() or int(request) < 1:
            sys.stderr.write("pytorch_reference.py --serve: expected a number of steps or"
                             " 'quit', got %r\n" % request)
            return 2
        seconds = timer.run(int(request))
        print(json.dumps({"seconds": seconds, "loss": timer.loss}), flush=True)
    return 0


def cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def main(argv=None):
    p = argparse.ArgumentParser(description="PyTorch reference of pmm bench's training steps.")
    p.add_argument("--config", choices=sorted(CONFIGS), default="bench")
    p.add_argument("--systems", default="gmu,pmmo", help="comma-separated: gmu, pmmo, mmo")
    p.add_argument("--steps", type=int, default=30, help="timed steps per system")
    p.add_argument("--threads", type=int, default=cores(), help="default: the number of cores")
    p.add_argument("--serve", action="store_true", help="time rounds on request (see above)")
    p.add_argument("--check", action="store_true", help="self-test of densities and optimisers")
    args = p.parse_args(argv)
    systems = [s for s in args.systems.split(",") if s]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown or not systems:
        p.error("unknown system %r in --systems; known: %s" % (",".join(unknown),
                                                              ", ".join(SYSTEMS)))
    if args.steps < 1 or args.threads < 1:
        p.error("--steps and --threads must be at least 1")
    torch.set_num_threads(args.threads)
    if args.check:
        import pytorch_reference_check
        return pytorch_reference_check.run_all(sys.modules[__name__])
    if args.serve:
        if len(systems) != 1:
            p.error("--serve times one system; got --systems %s" % args.systems)
        return serve(systems[0], args.config, args.threads)
    results = []
    for s in systems:
        sys.stderr.write("pytorch_reference: %s at the %s config, %d steps...\n"
                         % (s, args.config, args.steps))
        timer = Timer(s, args.config)
        results.append(summary(s, args.config, timer.run(args.steps), timer.loss))
        del timer
    print(json.dumps(dict(header(args.config, args.threads), results=results), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
