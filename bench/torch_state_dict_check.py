"""Loads a fastreg weights file into torch.nn.Sequential with load_state_dict(strict=True) and checks
that PyTorch's forward pass gives the predictions `fastreg predict` wrote.

    fastreg train data/digits.csv.gz --target target --hidden 64 --save digits.safetensors
    fastreg predict data/digits.csv.gz --weights digits.safetensors --out digits-pred.npy
    /usr/bin/python3 bench/torch_state_dict_check.py digits.safetensors data/digits.csv.gz digits-pred.npy

There is no safetensors package in Debian, so the file is read here with json and numpy: an
8-byte little-endian header length, the JSON header, then the raw little-endian tensors.
"""
import gzip
import json
import struct
import sys

import numpy as np
import torch

weights_path, data_path, predictions_path = sys.argv[1:4]
with open(weights_path, "rb") as f:
    (n,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(n))
    buffer = f.read()
meta = header.pop("__metadata__", {})
state = {}
for name, t in header.items():
    dtype = {"F32": np.float32, "F64": np.float64}[t["dtype"]]
    begin, end = t["data_offsets"]
    state[name] = torch.from_numpy(np.frombuffer(buffer[begin:end], dtype=dtype).reshape(t["shape"]).copy())

description = json.loads(meta["fastreg"])
modules, width = [], description["inputs"]
for layer in description["layers"]:
    kind, _, arg = layer.partition(":")
    if kind == "dense":
        modules.append(torch.nn.Linear(width, int(arg)))
        width = int(arg)
    elif kind == "dropout":
        modules.append(torch.nn.Dropout(float(arg)))
    else:
        modules.append({"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid, "identity": torch.nn.Identity}[kind]())
model = torch.nn.Sequential(*modules).to(next(iter(state.values())).dtype)
model.load_state_dict(state, strict=True)
model.eval()

opener = gzip.open if data_path.endswith(".gz") else open
with opener(data_path, "rt") as f:
    columns = f.readline().strip().split(",")
    rows = np.loadtxt(f, delimiter=",")
# Version 2 keeps the scaler in the preprocessing pipeline (numeric columns only here); version 1 at the top level.
pipeline = description.get("preprocessing") or {}
if any(c["kind"] != "numeric" for c in pipeline.get("columns", [])) or "imputer" in pipeline:
    sys.exit("this check handles numeric columns without imputation only")
inputs = [c["name"] for c in pipeline["columns"]] if pipeline else description["features"]
x = rows[:, [columns.index(c) for c in inputs]]
scaler = pipeline.get("standardizer") or (description if description.get("mean") is not None else None)
if scaler is not None:
    x = (x - np.array(scaler["mean"])) / np.array(scaler["std"])
with torch.no_grad():
    logits = model(torch.from_numpy(x).to(model[0].weight.dtype)).numpy()
classes = np.array([float(c) for c in description["classes"]])
torch_pred = classes[logits.argmax(axis=1)]
fastreg_pred = np.load(predictions_path)
agree = (torch_pred == fastreg_pred).mean()
print(f"load_state_dict(strict=True): ok, {len(state)} tensors; PyTorch and fastreg agree on {agree:.2%} of {len(x)} predictions")
sys.exit(0 if agree == 1.0 else 1)
