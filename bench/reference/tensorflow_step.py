#!/usr/bin/env python3
"""TensorFlow's own best against PyTorch on this machine, in one run: is node's 1.2x target reachable
through TensorFlow at all?

Times, each setting in its own process (TensorFlow fixes its thread pools and oneDNN at start-up), settings
alternated over `--rounds` rounds so that load from other jobs hits all alike:
  (i)  the 11 matrix products of the reference step's gradient pass (bench/node-matmul-shapes.mjs's shapes:
       4 forward, 4 dW = X^T dZ, 3 dX = dZ W^T), tf.linalg.matmul with its transpose flags inside one
       tf.function (20 distinct left operands per call, so the per-call cost is spread and nothing is merged)
       against torch.mm on the same shapes and operands;
  (ii) the whole reference training step, (784+10)-400-z20-(20+10)-400-784, batch 128, Bernoulli ELBO on
       logits, analytic KL, Adam 1e-3 (TensorFlow's fused ResourceApplyAdam, the kernel node's NativeAdam runs),
       eagerly (op by op, as tfjs-node runs it from JavaScript) and as one compiled tf.function (graph, and XLA
       with jit_compile=True), against PyTorch's eager step (bench/reference/pytorch_cvae.py's model and loss).
with 1 and 2 intra-op threads (TensorFlow: intra = inter = n; PyTorch: torch.set_num_threads(n)), and for
TensorFlow with oneDNN on (its default) and off (TF_ENABLE_ONEDNN_OPTS=0, Eigen's kernels).

Not run by CI and not installed by the repo. Needs TensorFlow for Python beside the system's PyTorch (Debian's
python3-torch); install TensorFlow into a scratch directory, never into the system or the repo, e.g. from the
machine's local pip index:
    pip install --target /tmp/tfpy tensorflow-cpu==2.21.0
    /usr/bin/python3 bench/reference/tensorflow_step.py --tf-path /tmp/tfpy [--rounds 2] [--steps 60]
TensorFlow's processes get --tf-path on PYTHONPATH; PyTorch's run without it (TensorFlow's wheel brings a numpy
that Debian's torch was not built against). Prints a Markdown table of medians (ms).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# [m, k, n, transpose_a, transpose_b]: the product is [m, n] with inner size k (bench/node-matmul-shapes.mjs).
SHAPES = [
    [128, 794, 400, False, False], [128, 400, 40, False, False], [128, 30, 400, False, False], [128, 400, 784, False, False],
    [794, 128, 400, True, False], [400, 128, 40, True, False], [30, 128, 400, True, False], [400, 128, 784, True, False],
    [128, 40, 400, False, True], [128, 400, 30, False, True], [128, 784, 400, False, True],
]
OPERANDS = 20  # distinct left operands per timed call


def median_ms(fn, rounds, per_call=1):
    for _ in range(20):
        fn()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000 / per_call)
    return statistics.median(times)


def tf_child(threads, steps, rounds):
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    tf.random.set_seed(0)
    products = []
    for m, k, n, ta, tb in SHAPES:
        left = [tf.random.normal([k, m] if ta else [m, k]) for _ in range(OPERANDS)]
        right = tf.random.normal([n, k] if tb else [k, n])
        fn = tf.function(lambda a, b, ta=ta, tb=tb: [tf.linalg.matmul(x, b, transpose_a=ta, transpose_b=tb) for x in a])
        products.append(median_ms(lambda: fn(left, right), rounds, OPERANDS))

    def dense(fan_in, fan_out):
        bound = 1 / fan_in ** 0.5
        return [tf.Variable(tf.random.uniform([fan_in, fan_out], -bound, bound)), tf.Variable(tf.random.uniform([fan_out], -bound, bound))]

    variables = dense(794, 400) + dense(400, 40) + dense(30, 400) + dense(400, 784)
    moments = [(tf.Variable(tf.zeros_like(v)), tf.Variable(tf.zeros_like(v))) for v in variables]
    t = tf.Variable(0.0)
    lr, beta1, beta2, epsilon = 1e-3, 0.9, 0.999, 1e-7
    x = tf.cast(tf.random.uniform([128, 784]) < 0.5, tf.float32)
    c = tf.one_hot(tf.range(128) % 10, 10)

    def loss_of(x, c):
        w1, b1, w2, b2, w3, b3, w4, b4 = variables
        h = tf.nn.relu(tf.matmul(tf.concat([x, c], 1), w1) + b1)
        mu, logvar = tf.split(tf.matmul(h, w2) + b2, 2, axis=1)
        z = mu + tf.exp(0.5 * logvar) * tf.random.normal(tf.shape(mu))
        logits = tf.matmul(tf.nn.relu(tf.matmul(tf.concat([z, c], 1), w3) + b3), w4) + b4
        recon = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=logits)) / 128
        kl = -0.5 * tf.reduce_sum(1 + logvar - tf.square(mu) - tf.exp(logvar)) / 128
        return recon + kl

    def step(x, c):
        with tf.GradientTape() as tape:
            loss = loss_of(x, c)
        grads = tape.gradient(loss, variables)
        t.assign_add(1.0)
        beta1_power, beta2_power = tf.pow(beta1, t), tf.pow(beta2, t)
        for v, (m, s), g in zip(variables, moments, grads):
            # TensorFlow's kernel adds epsilon before the bias correction (as node's NativeAdam passes it).
            tf.raw_ops.ResourceApplyAdam(var=v.handle, m=m.handle, v=s.handle, beta1_power=beta1_power, beta2_power=beta2_power,
                                         lr=lr, beta1=beta1, beta2=beta2, epsilon=epsilon * tf.sqrt(1 - beta2_power), grad=g)
        return loss

    graph = tf.function(step)
    xla = tf.function(step, jit_compile=True)
    # Eager: TensorFlow op by op from Python, as tfjs-node runs every op from JavaScript.
    result = {"products": products, "eager": median_ms(lambda: step(x, c), steps), "graph": median_ms(lambda: graph(x, c), steps)}
    try:
        result["xla"] = median_ms(lambda: xla(x, c), steps)
    except Exception as error:  # XLA may be unavailable in a build; say so in the table
        result["xla_error"] = str(error).splitlines()[0][:120]
    return result


def torch_child(threads, steps, rounds):
    import torch

    sys.path.insert(0, HERE)
    from pytorch_cvae import Cvae, batch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    products = []
    for m, k, n, ta, tb in SHAPES:
        left = [torch.randn(k, m) if ta else torch.randn(m, k) for _ in range(OPERANDS)]
        right = torch.randn(n, k) if tb else torch.randn(k, n)
        rhs = right.t() if tb else right
        products.append(median_ms(lambda: [torch.mm(a.t() if ta else a, rhs) for a in left], rounds, OPERANDS))
    model = Cvae(400)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, c = batch(128)

    def step():
        opt.zero_grad()
        model.loss(x, c).backward()
        opt.step()

    return {"products": products, "step": median_ms(step, steps)}


def run_child(kind, threads, onednn, args):
    env = dict(os.environ)
    if kind == "tf":
        env["PYTHONPATH"] = args.tf_path + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env["TF_ENABLE_ONEDNN_OPTS"] = "1" if onednn else "0"
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    else:
        env.pop("PYTHONPATH", None)
    command = [sys.executable, os.path.abspath(__file__), "--child", kind, "--threads", str(threads), "--steps", str(args.steps), "--product-rounds", str(args.product_rounds)]
    out = subprocess.run(command, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{kind} child failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tf-path", default="/tmp/tfpy", help="directory holding the tensorflow package (pip --target)")
    parser.add_argument("--rounds", type=int, default=2, help="times each setting runs, alternated")
    parser.add_argument("--steps", type=int, default=60, help="timed training steps per process (after 20 untimed)")
    parser.add_argument("--product-rounds", type=int, default=30, help="timed calls per product shape")
    parser.add_argument("--threads", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--child", choices=["tf", "torch"])
    args = parser.parse_args()
    if args.child:
        run = tf_child if args.child == "tf" else torch_child
        print(json.dumps(run(args.threads[0], args.steps, args.product_rounds)))
        return
    settings = [("torch", n, None) for n in args.threads] + [("tf", n, onednn) for n in args.threads for onednn in (True, False)]
    results = {s: [] for s in settings}
    for _ in range(args.rounds):
        for setting in settings:
            results[setting].append(run_child(*setting, args))
    label = lambda kind, n, onednn: f"PyTorch, {n} thread(s)" if kind == "torch" else f"TensorFlow, {n} thread(s), oneDNN {'on' if onednn else 'off'}"
    med = lambda values: statistics.median(values)
    print(f"| setting (median of {args.rounds} processes) | 11 products ms | step ms: eager | step ms: tf.function graph | step ms: XLA |")
    print("|---|---|---|---|---|")
    fmt = lambda rows, key: f"{med([r[key] for r in rows]):.2f}" if all(key in r for r in rows) else rows[0].get(f"{key}_error", "")
    for setting, rows in results.items():
        products = med([sum(r["products"]) for r in rows])
        eager = fmt(rows, "step" if setting[0] == "torch" else "eager")
        print(f"| {label(*setting)} | {products:.2f} | {eager} | {fmt(rows, 'graph')} | {fmt(rows, 'xla')} |")
    print("per-product ms (first process of each setting), in SHAPES order:")
    for setting, rows in results.items():
        print(f"  {label(*setting)}: " + " ".join(f"{v:.3f}" for v in rows[0]["products"]))


if __name__ == "__main__":
    main()
