#!/usr/bin/env python3
"""Writes the expected values of TorchReferenceTests.cs from PyTorch (float64).

A 3-4-2 network (Linear, Tanh, Linear) with parameters and data given by closed formulas
(the C# test builds the same), trained 5 steps by each optimizer configuration; prints the
final parameters in state_dict order, and the three losses on fixed logits.
Run: /usr/bin/python3 tests/FastReg.Tests/Nn/torch_reference.py
"""
import math
import torch

torch.set_default_dtype(torch.float64)


def build():
    m = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
    with torch.no_grad():
        i = 0
        for p in m.parameters():  # 0.weight, 0.bias, 2.weight, 2.bias, row-major
            flat = p.view(-1)
            for j in range(flat.numel()):
                flat[j] = 0.5 * math.sin(1.3 * i + 0.2)
                i += 1
    return m


x = torch.tensor([[math.cos(0.7 * i + 0.1) for i in range(r * 3, r * 3 + 3)] for r in range(5)])
y = torch.tensor([[math.sin(0.9 * i) for i in range(r * 2, r * 2 + 2)] for r in range(5)])

configs = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd_wd": lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.05),
    "sgd_momentum_dampening": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.3, weight_decay=0.01),
    "sgd_nesterov": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.8, nesterov=True, weight_decay=0.02),
    "adam": lambda p: torch.optim.Adam(p, lr=0.05, weight_decay=0.01),
    "adam_amsgrad": lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6, amsgrad=True),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1),
    "adamw_amsgrad": lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1, amsgrad=True),
}

print(f"// PyTorch {torch.__version__}")
for name, make in configs.items():
    m = build()
    opt = make(m.parameters())
    for _ in range(5):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(m(x), y)
        loss.backward()
        opt.step()
    flat = torch.cat([p.detach().view(-1) for p in m.parameters()])
    print(f'["{name}"] = [{", ".join(repr(float(v)) for v in flat)}],')

logits = torch.tensor([[2.0, -1.0, 0.5], [-3.0, 0.0, 30.0], [100.0, -100.0, 0.0]])
labels = torch.tensor([0, 1, 2])
targets = torch.tensor([[1.0, 0.0, 0.5], [0.0, 1.0, 1.0], [1.0, 0.0, 0.25]])
print(f"mse = {float(torch.nn.functional.mse_loss(logits, targets))!r}")
print(f"ce = {float(torch.nn.functional.cross_entropy(logits, labels))!r}")
print(f"bce = {float(torch.nn.functional.binary_cross_entropy_with_logits(logits, targets))!r}")
