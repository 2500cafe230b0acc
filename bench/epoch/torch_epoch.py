#!/usr/bin/env python3
"""PyTorch peer of bench/FastReg.EpochBench: 784-256-10 ReLU MLP, softmax cross-entropy, Adam(1e-3),
batch 128, reshuffled every epoch (the last batch is partial, 96 rows), float32.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/epoch/torch_epoch.py DATA_DIR THREADS EPOCHS

Prints one tab-separated line per epoch: contestant, threads, epoch index, seconds, mean training
loss. Epoch 0 includes first-call costs; bench/epoch/run.sh reports it apart.
"""
import sys
import time

import numpy as np
import torch


def main():
    data, threads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x = torch.from_numpy(np.load(f"{data}/x.npy"))
    y = torch.from_numpy(np.load(f"{data}/y.npy"))
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n, batch = x.shape[0], 128
    for epoch in range(epochs):
        t0 = time.perf_counter()
        order = torch.randperm(n)
        total = 0.0
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * idx.numel()
        seconds = time.perf_counter() - t0
        print(f"pytorch\t{threads}\t{epoch}\t{seconds:.4f}\t{total / n:.4f}", flush=True)


if __name__ == "__main__":
    main()
