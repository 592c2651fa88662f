"""Reference parameter and MAC counts for the model zoo, counted by PyTorch on the reference code.

evo-nas's zoo (src/zoo) re-creates CIFAR architectures in TensorFlow.js; each must have exactly
the parameter count of the public PyTorch implementation it follows. This script imports those
implementations from local checkouts (they are not part of evo-nas), builds every entry for 10
and 100 classes, and prints the JSON that test/zoo/params.test.ts pins
(test/reference/zoo-params-torch.json):

    /usr/bin/python3 test/reference/zoo_params_torch.py REFS_DIR > test/reference/zoo-params-torch.json

REFS_DIR holds one checkout per repository, named owner+name (kuangliu+pytorch-cifar, ...).

- params: sum(p.numel() for p in model.parameters()), PyTorch's own count (BN running
  statistics are buffers, not parameters). usedParams: those of them that receive a gradient
  from a forward pass (less where a reference allocates layers it never calls).
- macs: multiply-accumulates of Conv2d and Linear layers on one 32x32x3 image, counted by forward
  hooks: out_h * out_w * out_c * k_h * k_w * in_c / groups per conv, in * out per Linear and
  token. Pooling, BN, activations, additions and attention products are not counted (as in
  src/zoo/cost.ts).
- Several kuangliu models hard-code a 10-way Linear head; for 100 classes this script replaces
  that last Linear with a 100-way one (the only change), as noted per entry.
"""
import importlib.util
import json
import subprocess
import sys
import types
from pathlib import Path

import torch
from torch import nn

REPOS = {
    'akamaster': 'akamaster+pytorch_resnet_cifar10',
    'kuangliu': 'kuangliu+pytorch-cifar',
    'weiaicunzai': 'weiaicunzai+pytorch-cifar100',
    'hysts': 'hysts+pytorch_shake_shake',
    'omihub777': 'omihub777+ViT-CIFAR',
}


def with_head(net, classes):
    """Replaces the network's last nn.Linear by one with `classes` outputs, if it has others."""
    linears = [n for n, m in net.named_modules() if isinstance(m, nn.Linear)]
    if not linears:
        return net
    name = linears[-1]
    parent = net
    *path, last = name.split('.')
    for part in path:
        parent = getattr(parent, part)
    old = getattr(parent, last)
    if old.out_features == classes:
        return net
    setattr(parent, last, nn.Linear(old.in_features, classes, bias=old.bias is not None))
    return net


# name -> {classes: (repository, file, constructor expression)}. The expression is evaluated in
# the reference module, with {c} replaced by the class count where the constructor takes it;
# then with_head() sets a hard-coded 10- or 100-way Linear head to the class count.
ENTRIES = {}
K, W = 'kuangliu', 'weiaicunzai'


def entry(name, ref10, ref100=None):
    """ref10 gives the 10-class count; ref100 (default: the same code) the 100-class count."""
    ENTRIES[name] = {10: ref10, 100: ref100 or ref10}


for d, n in [(20, 3), (32, 5), (44, 7), (56, 9), (110, 18)]:
    entry(f'resnet{d}', ('akamaster', 'resnet.py', f'ResNet(BasicBlock, [{n}, {n}, {n}], num_classes={{c}})'))

# Where both repositories define the same network, 10 classes come from kuangliu and 100 from
# weiaicunzai, as in the project's CIFAR-10 and CIFAR-100 tables.
for d in [18, 34, 50, 101, 152]:
    entry(f'resnet{d}', (K, 'models/resnet.py', f'ResNet{d}()'), (W, 'models/resnet.py', f'resnet{d}()'))
    entry(f'preactresnet{d}-kuangliu', (K, 'models/preact_resnet.py', f'PreActResNet{d}()'))
    entry(f'preactresnet{d}-weiaicunzai', (W, 'models/preactresnet.py', f'preactresnet{d}()'))
    entry(f'seresnet{d}', (W, 'models/senet.py', f'seresnet{d}()'))
    entry(f'stochasticdepth{d}', (W, 'models/stochasticdepth.py', f'stochastic_depth_resnet{d}()'))
for d in [50, 101, 152]:
    entry(f'resnext{d}', (W, 'models/resnext.py', f'resnext{d}()'))
for v in ['2x64d', '32x4d']:
    entry(f'resnext29_{v}', (K, 'models/resnext.py', f'ResNeXt29_{v}()'))
entry('senet18', (K, 'models/senet.py', 'SENet18()'))
for d, k in [(40, 10), (28, 10)]:
    entry(f'wideresnet{d}_{k}', (W, 'models/wideresidual.py', f'WideResNet({{c}}, WideBasic, depth={d}, widen_factor={k})'))
for d in [121, 161, 201]:
    entry(f'densenet{d}', (K, 'models/densenet.py', f'DenseNet{d}()'), (W, 'models/densenet.py', f'densenet{d}()'))
entry('densenet_cifar', (K, 'models/densenet.py', 'densenet_cifar()'))
for d in [11, 13, 16, 19]:
    entry(f'vgg{d}', (K, 'models/vgg.py', f"VGG('VGG{d}')"))
    entry(f'vgg{d}_bn', (W, 'models/vgg.py', f'vgg{d}_bn()'))
entry('googlenet-kuangliu', (K, 'models/googlenet.py', 'GoogLeNet()'))
entry('googlenet-weiaicunzai', (W, 'models/googlenet.py', 'googlenet()'))
entry('mobilenet-kuangliu', (K, 'models/mobilenet.py', 'MobileNet()'))
entry('mobilenet-weiaicunzai', (W, 'models/mobilenet.py', 'mobilenet()'))
entry('mobilenetv2-kuangliu', (K, 'models/mobilenetv2.py', 'MobileNetV2()'))
entry('mobilenetv2-weiaicunzai', (W, 'models/mobilenetv2.py', 'MobileNetV2(class_num={c})'))
entry('shufflenet', (W, 'models/shufflenet.py', 'shufflenet()'))
entry('shufflenetg2', (K, 'models/shufflenet.py', 'ShuffleNetG2()'))
entry('shufflenetg3', (K, 'models/shufflenet.py', 'ShuffleNetG3()'))
entry('shufflenetv2-kuangliu', (K, 'models/shufflenetv2.py', 'ShuffleNetV2(net_size=1)'))
entry('shufflenetv2-weiaicunzai', (W, 'models/shufflenetv2.py', 'shufflenetv2()'))
entry('squeezenet', (W, 'models/squeezenet.py', 'squeezenet(class_num={c})'))
entry('inceptionv3', (W, 'models/inceptionv3.py', 'InceptionV3(num_classes={c})'))
entry('inceptionv4', (W, 'models/inceptionv4.py', 'inceptionv4()'))
entry('inception_resnet_v2', (W, 'models/inceptionv4.py', 'inception_resnet_v2()'))
entry('xception', (W, 'models/xception.py', 'xception()'))
entry('dla', (K, 'models/dla.py', 'DLA()'))
entry('simpledla', (K, 'models/dla_simple.py', 'SimpleDLA()'))
for d in [26, 92]:
    entry(f'dpn{d}', (K, 'models/dpn.py', f'DPN{d}()'))
entry('efficientnetb0', (K, 'models/efficientnet.py', 'EfficientNetB0()'))
for v in ['A', 'B']:
    entry(f'pnasnet{v.lower()}', (K, 'models/pnasnet.py', f'PNASNet{v}()'))
for v in ['X_200MF', 'X_400MF', 'Y_400MF']:
    entry(f'regnet{v.lower()}', (K, 'models/regnet.py', f'RegNet{v}()'))
for d in [56, 92]:
    entry(f'attention{d}', (W, 'models/attention.py', f'attention{d}()'))
entry('nasnet', (W, 'models/nasnet.py', 'nasnet()'))
for w in [32, 64]:
    entry(f'shakeshake26_2x{w}d', ('hysts', 'shake_shake.py',
          f"Network({{'input_shape': (1, 3, 32, 32), 'n_classes': {{c}}, 'base_channels': {w}, 'depth': 26, "
          "'shake_forward': True, 'shake_backward': True, 'shake_image': True})"))
entry('vit', ('omihub777', 'vit.py', 'ViT(num_classes={c}, patch=8, hidden=384, mlp_hidden=384, head=12, num_layers=7)'))


class WholeChannels(types.ModuleType):
    """torch.nn, except that Conv2d and BatchNorm2d accept whole-valued float channel counts.

    kuangliu's shufflenet.py computes `out_planes/4`, a float under Python 3, which PyTorch 1.x
    rejects; the values are whole numbers, so truncating them builds the intended network."""

    def __init__(self):
        super().__init__('nn')
        self.__dict__.update(nn.__dict__)
        self.Conv2d = lambda i, o, *a, **k: nn.Conv2d(int(i), int(o), *a, **{**k, **({'groups': int(k['groups'])} if 'groups' in k else {})})
        self.BatchNorm2d = lambda c, *a, **k: nn.BatchNorm2d(int(c), *a, **k)


def load(refs, repo, file):
    # weiaicunzai's stochasticdepth.py writes its blocks as TorchScript modules, whose forward
    # passes skip Python hooks; loading them as plain modules lets the MAC hooks see their convs
    # (the parameters are the same either way).
    torch.jit.ScriptModule = nn.Module
    torch.jit.script_method = lambda f: f
    root = refs / REPOS[repo]
    sys.path.insert(0, str(root))
    sys.modules.setdefault('torchsummary', types.ModuleType('torchsummary'))
    spec = importlib.util.spec_from_file_location(f'{repo}_{file.replace("/", "_")[:-3]}', root / file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.path.remove(str(root))
    if (repo, file) == (K, 'models/shufflenet.py'):
        module.nn = WholeChannels()
    return module


def used_params(net):
    """Parameters that receive a gradient from an eval-mode forward pass: what the network uses.

    Differs from the total where a reference allocates layers its forward pass never calls."""
    net.eval()
    net.zero_grad(set_to_none=True)
    net(torch.randn(2, 3, 32, 32)).sum().backward()
    return sum(p.numel() for p in net.parameters() if p.grad is not None)


def macs_of(net):
    total = [0]

    def conv(m, _inp, out):
        total[0] += out.numel() // out.shape[0] * m.kernel_size[0] * m.kernel_size[1] * m.in_channels // m.groups

    def linear(m, _inp, out):
        total[0] += out.numel() // out.shape[0] * m.in_features

    hooks = [m.register_forward_hook(conv if isinstance(m, nn.Conv2d) else linear)
             for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        net.eval()(torch.zeros(1, 3, 32, 32))
    for h in hooks:
        h.remove()
    return total[0]


def commit(refs, repo):
    root = refs / REPOS[repo]
    try:
        return subprocess.run(['git', '-C', str(root), 'rev-parse', 'HEAD'], capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return (root / 'COMMIT').read_text().strip() if (root / 'COMMIT').exists() else 'unknown'


def main():
    refs = Path(sys.argv[1])
    only = set(sys.argv[2].split(',')) if len(sys.argv) > 2 else None
    torch.manual_seed(0)
    out = {'source': 'test/reference/zoo_params_torch.py, PyTorch ' + torch.__version__, 'commits': {}, 'entries': {}}
    for name, refs_by_classes in ENTRIES.items():
        if only and name not in only:
            continue
        row = {}
        for classes, (repo, file, symbol) in refs_by_classes.items():
            module = load(refs, repo, file)
            net = with_head(eval(symbol.replace('{c}', str(classes)), vars(module)), classes)
            row[f'reference{classes}'] = {'repo': REPOS[repo].replace('+', '/'), 'file': file, 'symbol': symbol.replace('{c}', 'classes')}
            row[f'params{classes}'] = sum(p.numel() for p in net.parameters())
            row[f'usedParams{classes}'] = used_params(net)
            row[f'macs{classes}'] = macs_of(net)
            out['commits'][REPOS[repo].replace('+', '/')] = commit(refs, repo)
        out['entries'][name] = row
        print(name, row, file=sys.stderr, flush=True)
    print(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
