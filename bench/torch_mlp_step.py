#!/usr/bin/env python3
"""PyTorch peer of bench/FastReg.Bench/Nn/MlpBenchmarks.cs: MLP 64-128-10 in float32, batch 32,
softmax cross-entropy, SGD(lr=0.01, momentum=0.9, weight_decay=1e-4), on one thread.

One training step = zero_grad, forward, loss, backward, optimizer.step (what FastReg's
Sequential.TrainStep does). One-sample inference = forward of one row under torch.no_grad().

Run with Debian's python3-torch (1.13) and OpenBLAS left to pick its own kernels:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/torch_mlp_step.py
Prints the median over rounds, in microseconds per call.
"""
import statistics
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(1)

model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
loss_fn = torch.nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
x = torch.rand(32, 64) * 2 - 1
y = torch.randint(0, 10, (32,))
one = x[:1].clone()


def step():
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss


def infer():
    with torch.no_grad():
        return model(one)


def median_us(f, reps, rounds=21):
    """Median and best of wall-clock time per call, and the median of this thread's CPU time per call
    (less disturbed than wall time when other processes share the cores)."""
    for _ in range(reps):  # warm-up
        f()
    wall, cpu = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.thread_time()
        for _ in range(reps):
            f()
        cpu.append((time.thread_time() - c0) / reps * 1e6)
        wall.append((time.perf_counter() - t0) / reps * 1e6)
    return statistics.median(wall), min(wall), statistics.median(cpu)


print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, {torch.__config__.parallel_info().splitlines()[0]}")
med, best, cpu = median_us(step, 500)
print(f"train step (64-128-10, batch 32, SGD momentum+wd): median {med:.1f} us, best {best:.1f} us, thread CPU {cpu:.1f} us")
med, best, cpu = median_us(infer, 5000)
print(f"one-sample inference: median {med:.2f} us, best {best:.2f} us, thread CPU {cpu:.2f} us")
