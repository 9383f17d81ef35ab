"""Makes the PyTorch fixtures in this folder, once, with real PyTorch (2.13.0+cpu here):

    python make_fixtures.py        # writes next to this script

The networks are pytorch/examples' dcgan/main.py Generator and Discriminator with nz, ngf, ndf and
the number of stride-2 stages as parameters (64x64: five convolutions each, the examples' own).
Raw arrays (*.f32) are little-endian float32, row-major, shapes listed in README.md.
"""
import io
import os
import zipfile

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
MARKER = "/tmp/dcgan-explorer-pickle-ran-code"


class Generator(nn.Module):
    def __init__(self, nz, ngf, nc, size):
        super().__init__()
        stages = size.bit_length() - 3  # stride-2 stages: 4 at 64x64
        layers = []
        width = ngf * 2 ** (stages - 1)
        layers += [nn.ConvTranspose2d(nz, width, 4, 1, 0, bias=False), nn.BatchNorm2d(width), nn.ReLU(True)]
        for _ in range(stages - 1):
            layers += [nn.ConvTranspose2d(width, width // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(width // 2),
                       nn.ReLU(True)]
            width //= 2
        layers += [nn.ConvTranspose2d(width, nc, 4, 2, 1, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, x):
        return self.main(x)


class Discriminator(nn.Module):
    def __init__(self, ndf, nc, size):
        super().__init__()
        stages = size.bit_length() - 3
        layers = [nn.Conv2d(nc, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True)]
        width = ndf
        for _ in range(stages - 1):
            layers += [nn.Conv2d(width, width * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(width * 2),
                       nn.LeakyReLU(0.2, inplace=True)]
            width *= 2
        layers += [nn.Conv2d(width, 1, 4, 1, 0, bias=False), nn.Sigmoid()]
        self.main = nn.Sequential(*layers)

    def forward(self, x):
        return self.main(x).view(-1, 1).squeeze(1)


def randomise(net, gen):
    """weights_init's distributions, and running statistics that are not the defaults."""
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            m.weight.data = torch.randn(m.weight.shape, generator=gen) * 0.2
        elif isinstance(m, nn.BatchNorm2d):
            c = m.num_features
            m.weight.data = 1 + 0.1 * torch.randn(c, generator=gen)
            m.bias.data = 0.1 * torch.randn(c, generator=gen)
            m.running_mean.data = 0.5 * torch.randn(c, generator=gen)
            m.running_var.data = 0.5 + torch.rand(c, generator=gen)
            m.num_batches_tracked.fill_(37)


def raw(t, name):
    t.detach().numpy().astype("<f4").tofile(os.path.join(HERE, name))


class System:
    """Pickles as posix.system('touch MARKER'): what a hostile .pth does."""
    def __reduce__(self):
        return (os.system, ("touch " + MARKER,))


class Eval:
    """Pickles as builtins.eval(...)."""
    def __reduce__(self):
        return (eval, ("__import__('os').system('touch %s')" % MARKER,))


def to_cuda_location(path):
    """Rewrites the storages' location 'cpu' to 'cuda:0', as a file saved from a GPU has it."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for info, data in entries:
            if info.filename.endswith("data.pkl"):
                old, new = b"X\x03\x00\x00\x00cpu", b"X\x06\x00\x00\x00cuda:0"
                assert data.count(old) == 1
                data = data.replace(old, new)
            z.writestr(info, data)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def main():
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(2026)
    for size, suffix in ((64, ""), (32, "-32")):
        g = Generator(8, 4, 3, size)
        d = Discriminator(4, 3, size)
        randomise(g, gen)
        randomise(d, gen)
        g.eval()
        d.eval()
        z = torch.randn(4, 8, generator=gen)
        with torch.no_grad():
            images = g(z.view(4, 8, 1, 1))
            probs = d(images)
        torch.save(g.state_dict(), os.path.join(HERE, "netG%s.pth" % suffix))
        torch.save(d.state_dict(), os.path.join(HERE, "netD%s.pth" % suffix))
        raw(z, "z%s.f32" % suffix)
        raw(images, "images%s.f32" % suffix)
        raw(probs, "d-probs%s.f32" % suffix)
        if size == 64:
            sd = g.state_dict()
            torch.save({"module." + k: v for k, v in sd.items()}, os.path.join(HERE, "netG-ddp.pth"))
            torch.save({k: v.half() if v.is_floating_point() else v for k, v in sd.items()},
                       os.path.join(HERE, "netG-half.pth"))
            with torch.no_grad():
                raw(g.half().float()(z.view(4, 8, 1, 1)), "images-half.f32")
            g.float()
            g.load_state_dict(sd)
            torch.save(g, os.path.join(HERE, "netG-module.pth"))
            torch.save(sd, os.path.join(HERE, "netG-cuda.pth"))
            to_cuda_location(os.path.join(HERE, "netG-cuda.pth"))
            # A view into a bigger storage (offset and strides): one tensor sliced from another.
            big = torch.randn(2, *sd["main.0.weight"].shape, generator=gen)
            views = dict(sd)
            views["main.0.weight"] = big[1]
            torch.save(views, os.path.join(HERE, "netG-view.pth"))
            raw(big[1], "view-main.0.weight.f32")
            # main.3.weight of the wrong width: a shape mismatch.
            bad = dict(sd)
            bad["main.3.weight"] = torch.zeros(16, 7, 4, 4)
            torch.save(bad, os.path.join(HERE, "netG-badshape.pth"))
    evil = dict(Generator(8, 4, 3, 64).state_dict())
    evil["main.0.weight"] = System()
    torch.save(evil, os.path.join(HERE, "evil-system.pth"))
    evil["main.0.weight"] = Eval()
    torch.save(evil, os.path.join(HERE, "evil-eval.pth"))
    print("torch", torch.__version__, "wrote fixtures to", HERE)


if __name__ == "__main__":
    main()
