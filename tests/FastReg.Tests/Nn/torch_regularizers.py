#!/usr/bin/env python3
"""Writes the expected values of TorchRegularizerTests.cs from PyTorch (float64).

The 3-4-2 network of torch_reference.py (Linear, Tanh, Linear; parameters and data from closed
formulas), trained 5 steps with: two parameter groups (biases without weight decay), gradient
clipping by global norm and by value, and weight averaging (an EMA and SWA through
torch.optim.swa_utils.AveragedModel); and CrossEntropyLoss(label_smoothing) values and gradients.
Run: /usr/bin/python3 tests/FastReg.Tests/Nn/torch_regularizers.py
"""
import math
import torch
from torch.optim.swa_utils import AveragedModel

torch.set_default_dtype(torch.float64)


def build():
    m = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
    with torch.no_grad():
        i = 0
        for p in m.parameters():
            flat = p.view(-1)
            for j in range(flat.numel()):
                flat[j] = 0.5 * math.sin(1.3 * i + 0.2)
                i += 1
    return m


x = torch.tensor([[math.cos(0.7 * i + 0.1) for i in range(r * 3, r * 3 + 3)] for r in range(5)])
y = torch.tensor([[math.sin(0.9 * i) for i in range(r * 2, r * 2 + 2)] for r in range(5)])


def groups(m, wd):
    weights = [p for n, p in m.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in m.named_parameters() if n.endswith("bias")]
    return [{"params": weights, "weight_decay": wd}, {"params": biases, "weight_decay": 0.0}]


def flat(params):
    return ", ".join(repr(v) for v in torch.cat([p.detach().reshape(-1) for p in params]).tolist())


def train(make_opt, clip=None, average=None):
    m = build()
    opt = make_opt(m)
    avg = average(m) if average else None
    for step in range(5):
        opt.zero_grad()
        torch.nn.functional.mse_loss(m(x), y).backward()
        if clip == "norm":
            torch.nn.utils.clip_grad_norm_(m.parameters(), max_norm=0.3)
        elif clip == "value":
            torch.nn.utils.clip_grad_value_(m.parameters(), clip_value=0.05)
        opt.step()
        if avg is not None and step >= average.start:
            avg.update_parameters(m)
    return avg.module.parameters() if avg is not None else m.parameters()


def ema(decay):
    f = lambda m: AveragedModel(m, avg_fn=lambda a, p, n: decay * a + (1 - decay) * p)
    f.start = 0
    return f


def swa(start):
    f = lambda m: AveragedModel(m)
    f.start = start
    return f


cases = {
    "sgd_groups": lambda: train(lambda m: torch.optim.SGD(groups(m, 0.3), lr=0.1, momentum=0.9)),
    "adam_groups": lambda: train(lambda m: torch.optim.Adam(groups(m, 0.2), lr=0.05)),
    "adamw_groups": lambda: train(lambda m: torch.optim.AdamW(groups(m, 0.5), lr=0.05)),
    "clip_norm": lambda: train(lambda m: torch.optim.SGD(m.parameters(), lr=0.1), clip="norm"),
    "clip_value": lambda: train(lambda m: torch.optim.SGD(m.parameters(), lr=0.1), clip="value"),
    "ema": lambda: train(lambda m: torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.5), average=ema(0.7)),
    "swa": lambda: train(lambda m: torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.5), average=swa(2)),
}

print(f"// PyTorch {torch.__version__}")
for name, run in cases.items():
    print(f'["{name}"] = [{flat(run())}],')

# clip_grad_norm_ on an all-zero gradient and on one just above the limit (the 1e-6 matters there)
logits = torch.tensor([[2.0, -1.0, 0.5], [-3.0, 0.0, 30.0], [100.0, -100.0, 0.0], [0.3, 0.2, 0.1]], requires_grad=True)
labels = torch.tensor([0, 1, 2, 1])
for eps in (0.1, 0.25):
    loss = torch.nn.CrossEntropyLoss(label_smoothing=eps)(logits, labels)
    (g,) = torch.autograd.grad(loss, logits)
    print(f"// label_smoothing {eps}: loss {loss.item()!r}")
    print(f'["smooth_{eps}"] = [{loss.item()!r}, {", ".join(repr(v) for v in g.reshape(-1).tolist())}],')

p = torch.nn.Parameter(torch.tensor([3.0, 4.0]))
p.grad = torch.tensor([3.0, 4.0])
n = torch.nn.utils.clip_grad_norm_([p], max_norm=5.0)
print(f'// clip_grad_norm_ at norm 5 with max_norm 5: norm {n.item()!r}, grad {p.grad.tolist()!r}')
