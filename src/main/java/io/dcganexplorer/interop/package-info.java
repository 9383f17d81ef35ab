/**
 * Trading models with PyTorch: reading the {@code .pth} files that {@code torch.save} writes for
 * pytorch/examples' {@code dcgan/main.py} networks into a run of ours
 * ({@link io.dcganexplorer.interop.PytorchImport}), and writing a checkpoint of ours back as
 * {@code netG.pth}, {@code netD.pth} and a TorchScript {@code netG.pt}
 * ({@link io.dcganexplorer.interop.PytorchExport}). A {@code .pth} is a pickle, so it is read by
 * {@link io.dcganexplorer.interop.SafeUnpickler}, which resolves only a fixed list of globals and
 * never runs anything from the file. PyTorch itself is not needed. Depends on {@code train},
 * {@code model} and {@code files}; {@code cli} and {@code ui} use it. No JavaFX here.
 */
package io.dcganexplorer.interop;
