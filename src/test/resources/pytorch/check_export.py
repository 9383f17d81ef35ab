"""Checks an export-pytorch folder with PyTorch itself (used by PytorchRoundTripTest, opt-in):

    python check_export.py EXPORT_DIR Z.f32 OUT_DIR

torch.load(weights_only=True) of netG.pth and netD.pth, load_state_dict (strict) into
pytorch/examples' classes (make_fixtures.py's, which at 64x64 are main.py's), torch.jit.load of
netG.pt; renders Z (N x nz, raw little-endian float32) with both in eval mode, writes
OUT_DIR/images.f32 (the examples class), OUT_DIR/images-jit.f32, OUT_DIR/d-probs.f32, and saves
the loaded networks again with torch.save as OUT_DIR/netG.pth and OUT_DIR/netD.pth.
"""
import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True  # no __pycache__ among the test resources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import Discriminator, Generator  # noqa: E402

src, zfile, out = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
sg = torch.load(os.path.join(src, "netG.pth"), weights_only=True)
sd = torch.load(os.path.join(src, "netD.pth"), weights_only=True)
convs = sorted(int(k.split(".")[1]) for k, v in sg.items() if k.endswith(".weight") and v.dim() == 4)
last = sg["main.%d.weight" % convs[-1]]
nz, ngf, nc = sg["main.0.weight"].shape[0], last.shape[0], last.shape[1]
size = 4 * 2 ** (len(convs) - 1)
ndf = sd["main.0.weight"].shape[0]
g = Generator(nz, ngf, nc, size)
d = Discriminator(ndf, nc, size)
g.load_state_dict(sg)
d.load_state_dict(sd)
g.eval()
d.eval()
jit = torch.jit.load(os.path.join(src, "netG.pt"))
z = torch.from_numpy(np.fromfile(zfile, dtype="<f4").reshape(-1, nz))
with torch.no_grad():
    images = g(z.view(-1, nz, 1, 1))
    images_jit = jit(z)
    probs = d(images)
images.numpy().astype("<f4").tofile(os.path.join(out, "images.f32"))
images_jit.numpy().astype("<f4").tofile(os.path.join(out, "images-jit.f32"))
probs.numpy().astype("<f4").tofile(os.path.join(out, "d-probs.f32"))
torch.save(g.state_dict(), os.path.join(out, "netG.pth"))
torch.save(d.state_dict(), os.path.join(out, "netD.pth"))
print("torch %s: %dx%d nz=%d ngf=%d ndf=%d; max |examples - jit| = %g"
      % (torch.__version__, size, size, nz, ngf, ndf, (images - images_jit).abs().max().item()))
