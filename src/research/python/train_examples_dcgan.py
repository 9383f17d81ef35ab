"""Trains pytorch/examples' DCGAN (dcgan/main.py: the same Generator, Discriminator, weights_init,
loss and optimisers) on Fashion-MNIST written out as 64x64 RGB, for a fixed wall-clock budget, on
the CPU. Saves netG.pth and netD.pth as main.py does (torch.save(net.state_dict(), ...)), plus a
fixed z and what netG renders from it in eval mode (raw little-endian float32), for
docs/experiments/pytorch-interop.md.

    python train_examples_dcgan.py --data /usr/share/datasets/fashion-mnist --minutes 10 --threads 2 \
        --batch-size 32 --out DIR
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--out", required=True)
p.add_argument("--minutes", type=float, default=9.0)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--images", type=int, default=5000)
p.add_argument("--batch-size", type=int, default=64)
opt = p.parse_args()
torch.set_num_threads(opt.threads)
torch.manual_seed(999)
nz, ngf, ndf, nc, batch_size = 100, 64, 64, 3, opt.batch_size


# Generator and Discriminator: pytorch/examples dcgan/main.py, unchanged but for ngpu.
class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 8),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False),
            nn.Tanh())

    def forward(self, x):
        return self.main(x)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 4),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 8),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 8, 1, 4, 1, 0, bias=False),
            nn.Sigmoid())

    def forward(self, x):
        return self.main(x).view(-1, 1).squeeze(1)


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find('Conv') != -1:
        torch.nn.init.normal_(m.weight, 0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        torch.nn.init.normal_(m.weight, 1.0, 0.02)
        torch.nn.init.zeros_(m.bias)


# Fashion-MNIST as main.py's ImageFolder pipeline would give it: 64x64, 3 channels, in [-1, 1].
with gzip.open(os.path.join(opt.data, "train-images-idx3-ubyte.gz")) as f:
    raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)[:opt.images]
x = torch.from_numpy(raw.astype(np.float32) / 127.5 - 1.0)
x = F.interpolate(x, size=64, mode="bilinear", align_corners=False).clamp(-1, 1).repeat(1, 3, 1, 1)

netG = Generator()
netG.apply(weights_init)
netD = Discriminator()
netD.apply(weights_init)
criterion = nn.BCELoss()
optimizerD = optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
optimizerG = optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))
os.makedirs(opt.out, exist_ok=True)
start = time.time()
step = 0
while time.time() - start < opt.minutes * 60:
    perm = torch.randperm(x.shape[0])
    for i in range(0, x.shape[0] - batch_size + 1, batch_size):
        real = x[perm[i:i + batch_size]]
        # (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
        netD.zero_grad()
        label = torch.full((batch_size,), 1.0)
        errD_real = criterion(netD(real), label)
        errD_real.backward()
        noise = torch.randn(batch_size, nz, 1, 1)
        fake = netG(noise)
        label.fill_(0.0)
        errD_fake = criterion(netD(fake.detach()), label)
        errD_fake.backward()
        optimizerD.step()
        # (2) Update G network: maximize log(D(G(z)))
        netG.zero_grad()
        label.fill_(1.0)
        errG = criterion(netD(fake), label)
        errG.backward()
        optimizerG.step()
        step += 1
        if step % 20 == 0:
            print("step %d  %.0fs  Loss_D %.3f  Loss_G %.3f" % (step, time.time() - start,
                  (errD_real + errD_fake).item(), errG.item()), flush=True)
        if time.time() - start >= opt.minutes * 60:
            break
torch.save(netG.state_dict(), os.path.join(opt.out, "netG.pth"))
torch.save(netD.state_dict(), os.path.join(opt.out, "netD.pth"))
netG.eval()
z = torch.randn(16, nz, generator=torch.Generator().manual_seed(7))
with torch.no_grad():
    images = netG(z.view(16, nz, 1, 1))
z.numpy().astype("<f4").tofile(os.path.join(opt.out, "z.f32"))
images.numpy().astype("<f4").tofile(os.path.join(opt.out, "images.f32"))
print("trained %d steps in %.0fs; wrote %s" % (step, time.time() - start, opt.out))
