"""Reference figures for the cost model, counted by PyTorch itself.

Builds the ResNet of DESIGN.md for given widths in PyTorch and prints, as JSON lines, the
parameter count (sum of p.numel() over model.parameters(), BN split out) and the MACs of convs and
the linear layer counted by forward hooks on a real forward pass. test/space/cost.test.ts pins the
figures this printed; run it again to re-derive them:

    apt-get install -y python3-torch
    /usr/bin/python3 test/reference/resnet_cost_torch.py < genomes.jsonl

Each input line: {"genome": [...], "classes": C, "shortcut": "always"|"needed",
"size": [H, W], "in": channels}.
"""
import json
import sys

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, a, m, b, stride, shortcut):
        super().__init__()
        self.conv1 = nn.Conv2d(a, m, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(m)
        self.conv2 = nn.Conv2d(m, b, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(b)
        project = shortcut == "always" or stride != 1 or a != b
        self.shortcut = (
            nn.Sequential(nn.Conv2d(a, b, 1, stride, 0, bias=False), nn.BatchNorm2d(b)) if project else nn.Identity()
        )

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(y)) + self.shortcut(x))


def build(g, classes, shortcut, in_ch):
    blocks = (len(g) - 1) // 2
    per_stage = blocks // 3
    layers = [nn.Conv2d(in_ch, g[0], 3, 1, 1, bias=False), nn.BatchNorm2d(g[0]), nn.ReLU()]
    for k in range(blocks):
        stride = 2 if k in (per_stage, 2 * per_stage) else 1
        layers.append(Block(g[2 * k], g[2 * k + 1], g[2 * k + 2], stride, shortcut))
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(g[-1], classes)]
    return nn.Sequential(*layers)


def count(spec):
    model = build(spec["genome"], spec["classes"], spec["shortcut"], spec["in"]).eval()
    macs = [0]

    def conv_hook(m, _inp, out):
        k = m.kernel_size[0] * m.kernel_size[1]
        macs[0] += out.shape[1] * out.shape[2] * out.shape[3] * k * m.in_channels // m.groups

    def linear_hook(m, _inp, _out):
        macs[0] += m.in_features * m.out_features

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            m.register_forward_hook(conv_hook)
        if isinstance(m, nn.Linear):
            m.register_forward_hook(linear_hook)
    h, w = spec["size"]
    with torch.no_grad():
        model(torch.zeros(1, spec["in"], h, w))
    bn = sum(p.numel() for m in model.modules() if isinstance(m, nn.BatchNorm2d) for p in m.parameters())
    params = sum(p.numel() for p in model.parameters())
    return {**spec, "params": params, "bnParams": bn, "macs": macs[0]}


for line in sys.stdin:
    if line.strip():
        print(json.dumps(count(json.loads(line))))
