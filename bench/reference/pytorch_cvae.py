#!/usr/bin/env python3
"""PyTorch reference for `npm run bench`: the same label-conditioned CVAE (MLP, and conv), loss and optimiser.

(784+10)-H-z20-(20+10)-H-784, Bernoulli ELBO on logits, analytic KL, Adam 1e-3, PyTorch's default
nn.Linear initialisation (which @cvae/core copies). Random binary inputs: the timing does not
depend on the data. Prints one JSON row per (case, threads) on stdout.

Install: apt-get install python3-torch libopenblas0-pthread; run with /usr/bin/python3.
"""
import json
import math
import resource
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn


class Cvae(nn.Module):
    def __init__(self, hidden, latent=20, x_dim=784, c_dim=10):
        super().__init__()
        self.enc = nn.Linear(x_dim + c_dim, hidden)
        self.enc_out = nn.Linear(hidden, 2 * latent)
        self.dec = nn.Linear(latent + c_dim, hidden)
        self.dec_out = nn.Linear(hidden, x_dim)
        self.latent = latent

    def encode(self, x, c):
        mu, logvar = self.enc_out(F.relu(self.enc(torch.cat([x, c], 1)))).chunk(2, 1)
        return mu, logvar

    def decode(self, z, c):
        return self.dec_out(F.relu(self.dec(torch.cat([z, c], 1))))

    def loss(self, x, c):
        mu, logvar = self.encode(x, c)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        recon = F.binary_cross_entropy_with_logits(self.decode(z, c), x, reduction="sum") / x.shape[0]
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / x.shape[0]
        return recon + kl

    @torch.no_grad()
    def iwae_log_px(self, x, c, k):
        mu, logvar = self.encode(x, c)
        std = torch.exp(0.5 * logvar)
        log_w = []
        for _ in range(k):
            eps = torch.randn_like(mu)
            z = mu + std * eps
            log_q = (-0.5 * eps.pow(2) - 0.5 * logvar - 0.5 * math.log(2 * math.pi)).sum(1)
            log_p_z = (-0.5 * z.pow(2) - 0.5 * math.log(2 * math.pi)).sum(1)
            log_p_x = -F.binary_cross_entropy_with_logits(self.decode(z, c), x, reduction="none").sum(1)
            log_w.append(log_p_x + log_p_z - log_q)
        return torch.logsumexp(torch.stack(log_w), 0) - math.log(k)


class ConvCvae(Cvae):
    """The conv architecture of @cvae/core on MNIST's shapes: conv 32, 64 (kernel 4, stride 2) -> dense to
    [mu, logvar]; dense from [z, c] to 7x7x64 -> transposed convs 32, 1. padding=1 gives tfjs's 'same'
    sizes (28 -> 14 -> 7 and back) with the same FLOPs; PyTorch computes in NCHW, tfjs in NHWC."""

    def __init__(self, latent=20, c_dim=10):
        nn.Module.__init__(self)
        self.convs = nn.ModuleList([nn.Conv2d(1, 32, 4, 2, 1), nn.Conv2d(32, 64, 4, 2, 1)])
        self.enc_out = nn.Linear(7 * 7 * 64 + c_dim, 2 * latent)
        self.dec = nn.Linear(latent + c_dim, 7 * 7 * 64)
        self.deconvs = nn.ModuleList([nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ConvTranspose2d(32, 1, 4, 2, 1)])
        self.latent = latent

    def encode(self, x, c):
        h = x.view(-1, 1, 28, 28)
        for conv in self.convs:
            h = F.relu(conv(h))
        return self.enc_out(torch.cat([h.flatten(1), c], 1)).chunk(2, 1)

    def decode(self, z, c):
        h = F.relu(self.dec(torch.cat([z, c], 1))).view(-1, 64, 7, 7)
        h = self.deconvs[1](F.relu(self.deconvs[0](h)))
        return h.flatten(1)


def batch(n):
    x = (torch.rand(n, 784) < 0.5).float()
    c = F.one_hot(torch.arange(n) % 10, 10).float()
    return x, c


def train_ms(hidden, batch_size, steps, warmup):
    torch.manual_seed(0)
    model = ConvCvae() if hidden == "conv" else Cvae(hidden)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, c = batch(batch_size)
    times = []
    for i in range(warmup + steps):
        t = time.perf_counter()
        opt.zero_grad()
        model.loss(x, c).backward()
        opt.step()
        if i >= warmup:
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def iwae_per_s(k, n=200):
    torch.manual_seed(0)
    model = Cvae(400)
    x, c = batch(n)
    model.iwae_log_px(x[:20], c[:20], k)
    t = time.perf_counter()
    model.iwae_log_px(x, c, k)
    return n / (time.perf_counter() - t)


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for case, hidden, batch_size in (("reference", 400, 128), ("large", 1024, 256), ("conv", "conv", 128)):
            ms = train_ms(hidden, batch_size, steps, warmup=50)
            row = {"backend": "pytorch", "case": case, "threads": threads, "msPerStep": ms, "batchSize": batch_size}
            print(json.dumps(row), flush=True)
        print(json.dumps({"backend": "pytorch", "case": "iwae-k100", "threads": threads, "samplesPerSecond": iwae_per_s(100)}), flush=True)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"backend": "pytorch", "case": "process", "peakRssMiB": peak_kib / 1024}), flush=True)


if __name__ == "__main__":
    main()
