package io.dcganexplorer.interop;

import io.dcganexplorer.files.AtomicFiles;
import io.dcganexplorer.interop.DcganLayout.Entry;
import io.dcganexplorer.interop.TorchArchive.Item;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.GeneratorEma;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a checkpoint of ours as PyTorch files: {@code netG.pth} and {@code netD.pth}, state dicts
 * with pytorch/examples' keys ({@link DcganLayout}) that {@code torch.load} reads with
 * {@code weights_only=True} and main.py's classes load with {@code load_state_dict} (those are 64x64,
 * 4x4 kernels; other sizes have the same key pattern with one stage fewer or more, other kernels the
 * same keys with 5x5 weights, for classes built the same way), and {@code netG.pt}, a TorchScript
 * module of the generator that {@code torch.jit.load} runs with no code of ours: z (N, nz) or
 * (N, nz, 1, 1) in, images (N, C, S, S) in [-1, 1] out, BatchNorm in inference mode.
 */
public final class PytorchExport {
    private PytorchExport() {}

    /** The three files written and the architecture. */
    public record Result(Path generator, Path discriminator, Path torchScript, DcganConfig config, String weights,
            long step) {}

    /**
     * Exports the checkpoint in {@code checkpointDir} into {@code outDir} (created if needed; each
     * file written atomically, replacing one of the same name).
     *
     * @param which the generator: the moving average of G's weights where {@link Checkpoint.Weights} says so
     */
    public static Result export(Path checkpointDir, Checkpoint.Weights which, Path outDir) throws IOException {
        Checkpoint.Meta meta = Checkpoint.readMeta(checkpointDir);
        DcganConfig c = meta.config();
        Map<String, Tensor> t = Checkpoint.readTensors(checkpointDir);
        boolean hasAverage = GeneratorEma.hasAverage(t);
        if (which == Checkpoint.Weights.AVERAGE && !hasAverage) {
            throw new IOException(checkpointDir + " holds no moving average of the generator's weights");
        }
        boolean average = hasAverage && which != Checkpoint.Weights.TRAINED;
        String gPrefix = average ? GeneratorEma.PREFIX + "/" : "G/";
        List<Entry> gLayout = DcganLayout.generator(c.imageSize(), c.channels(), c.latentDim(),
                c.generatorFeatures(), c.kernel());
        List<Entry> dLayout = DcganLayout.discriminator(c.imageSize(), c.channels(), c.discriminatorFeatures(),
                c.kernel());
        List<Item> g = items(gLayout, t, "G/", gPrefix, checkpointDir, meta.step());
        List<Item> d = items(dLayout, t, "D/", "D/", checkpointDir, meta.step());
        Files.createDirectories(outDir);
        Path gFile = outDir.resolve("netG.pth");
        Path dFile = outDir.resolve("netD.pth");
        Path script = outDir.resolve("netG.pt");
        byte[] gBytes = TorchArchive.stateDict("netG", g);
        byte[] dBytes = TorchArchive.stateDict("netD", d);
        byte[] sBytes = TorchArchive.script("netG", "Generator", generatorSource(c), scriptAttributes(gLayout, t,
                gPrefix));
        AtomicFiles.write(gFile, tmp -> TorchArchive.writeTo(tmp, gBytes));
        AtomicFiles.write(dFile, tmp -> TorchArchive.writeTo(tmp, dBytes));
        AtomicFiles.write(script, tmp -> TorchArchive.writeTo(tmp, sBytes));
        return new Result(gFile, dFile, script, c, average ? "moving average of G" : "G as trained", meta.step());
    }

    /** The layout's tensors from the checkpoint, each BatchNorm followed by its num_batches_tracked. */
    private static List<Item> items(List<Entry> layout, Map<String, Tensor> t, String ours, String from, Path dir,
            long step) throws IOException {
        List<Item> out = new ArrayList<>();
        for (Entry e : layout) {
            Tensor v = tensor(t, from + e.ours().substring(ours.length()), e, dir);
            out.add(Item.floats(e.key(), e.shape(), v.data()));
            if (e.key().endsWith(".running_var")) {
                String bn = e.key().substring(0, e.key().length() - "running_var".length());
                out.add(Item.scalarLong(bn + "num_batches_tracked", step));
            }
        }
        return out;
    }

    private static Tensor tensor(Map<String, Tensor> t, String name, Entry e, Path dir) throws IOException {
        Tensor v = t.get(name);
        if (v == null || !java.util.Arrays.equals(v.shape(), e.shape())) {
            throw new IOException(dir + ": tensor " + name + " is missing or not of shape " + e.shapeString()
                    + ": the checkpoint is damaged");
        }
        return v;
    }

    /** The TorchScript module's tensors: w0..wn, then gamma, beta, mean and var per BatchNorm. */
    private static List<Item> scriptAttributes(List<Entry> layout, Map<String, Tensor> t, String gPrefix) {
        List<Item> out = new ArrayList<>();
        for (Entry e : layout) {
            Tensor v = t.get(gPrefix + e.ours().substring(2));
            out.add(Item.floats(attribute(e), e.shape(), v.data()));
        }
        return out;
    }

    /** G/g.2.weight -> w2, G/g.2.bn.gamma -> gamma2, ... */
    private static String attribute(Entry e) {
        String[] parts = e.ours().substring(2).split("\\.");
        String stage = parts[1];
        return switch (parts[parts.length - 1]) {
            case "weight" -> "w" + stage;
            case "gamma" -> "gamma" + stage;
            case "beta" -> "beta" + stage;
            case "running_mean" -> "mean" + stage;
            default -> "var" + stage;
        };
    }

    /** The generator's forward pass as TorchScript (the same ops {@code model/Generator} runs). */
    static String generatorSource(DcganConfig c) {
        int n = DcganLayout.stages(c.imageSize());
        KernelPreset k = c.kernel();
        List<String> params = new ArrayList<>();
        List<String> buffers = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            params.add("\"w" + i + "\"");
            if (i < n) {
                params.add("\"gamma" + i + "\"");
                params.add("\"beta" + i + "\"");
                buffers.add("\"mean" + i + "\"");
                buffers.add("\"var" + i + "\"");
            }
        }
        StringBuilder s = new StringBuilder("class Generator(Module):\n")
                .append("  __parameters__ = [").append(String.join(", ", params)).append("]\n")
                .append("  __buffers__ = [").append(String.join(", ", buffers)).append("]\n")
                .append("  training : bool\n");
        for (String p : params) {
            s.append("  ").append(p.replace("\"", "")).append(" : Tensor\n");
        }
        for (String b : buffers) {
            s.append("  ").append(b.replace("\"", "")).append(" : Tensor\n");
        }
        s.append("  def forward(self: __torch__.Generator,\n    z: Tensor) -> Tensor:\n")
                .append("    x = torch.reshape(z, [-1, ").append(c.latentDim()).append(", 1, 1])\n");
        for (int i = 0; i <= n; i++) {
            String geometry = i == 0 ? "[1, 1], [0, 0], [0, 0]"
                    : String.format(Locale.ROOT, "[%d, %d], [%d, %d], [%d, %d]", k.stride, k.stride, k.padding,
                            k.padding, k.outputPadding, k.outputPadding);
            s.append("    x = torch.conv_transpose2d(x, self.w").append(i).append(", None, ").append(geometry)
                    .append(")\n");
            if (i < n) {
                s.append("    x = torch.relu(torch.batch_norm(x, self.gamma").append(i).append(", self.beta").append(i)
                        .append(", self.mean").append(i).append(", self.var").append(i)
                        .append(", False, 0.10000000000000001, 1.0000000000000001e-05, False))\n");
            }
        }
        return s.append("    return torch.tanh(x)\n").toString();
    }
}
