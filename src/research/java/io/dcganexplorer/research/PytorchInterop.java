package io.dcganexplorer.research;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.interop.PthFile;
import io.dcganexplorer.interop.PytorchExport;
import io.dcganexplorer.interop.PytorchImport;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.TensorFile.Tensor;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The round-trip numbers of docs/experiments/pytorch-interop.md: a netG.pth and netD.pth that
 * pytorch/examples' DCGAN trained (src/research/python/train_examples_dcgan.py, which also saves a
 * z and what netG renders from it) are imported; our rendering is compared with PyTorch's; the run
 * is exported and checked by PyTorch itself (src/test/resources/pytorch/check_export.py: torch.load
 * with weights_only=True into main.py's classes, torch.jit.load of netG.pt), and what PyTorch saves
 * again is imported back.
 *
 * <pre>
 * java -cp ... io.dcganexplorer.research.PytorchInterop TRAINED_DIR PYTHON WORK_DIR
 * </pre>
 */
public final class PytorchInterop {
    private PytorchInterop() {}

    public static void main(String[] args) throws Exception {
        Path trained = Path.of(args[0]);
        String python = args[1];
        Path work = Path.of(args[2]);
        Files.createDirectories(work);
        TrainingOptions options = TrainingOptions.defaults();
        PytorchImport.Result imported = PytorchImport.run(new PytorchImport.Request(trained.resolve("netG.pth"),
                trained.resolve("netD.pth"), work.resolve("run"), ZPrior.NORMAL, 0, options));
        DcganConfig c = imported.config();
        System.out.println("imported: " + c.summary() + " -> " + imported.runDir());
        Map<String, Tensor> ours = Checkpoint.readTensors(imported.checkpoint());
        System.out.println("import, weights: max |ours - file| = " + maxWeightDifference(ours,
                trained.resolve("netG.pth"), trained.resolve("netD.pth"), c));

        float[] z = floats(trained.resolve("z.f32"));
        float[] mine = render(imported.checkpoint(), z, c);
        System.out.println("import, images: max |ours - PyTorch| = " + max(mine, floats(trained.resolve("images.f32")))
                + " over " + z.length / c.latentDim() + " images");

        PytorchExport.Result exported = PytorchExport.export(imported.checkpoint(), Checkpoint.Weights.AUTO,
                work.resolve("export"));
        Path torch = work.resolve("torch");
        Process p = new ProcessBuilder(python, "src/test/resources/pytorch/check_export.py",
                exported.generator().getParent().toString(), trained.resolve("z.f32").toString(), torch.toString())
                .redirectErrorStream(true).start();
        System.out.print(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        if (p.waitFor() != 0) {
            throw new IOException("check_export.py failed");
        }
        System.out.println("export, images: max |ours - main.py's Generator| = " + max(mine,
                floats(torch.resolve("images.f32"))) + ", max |ours - netG.pt| = " + max(mine,
                floats(torch.resolve("images-jit.f32"))));
        System.out.println("export, weights: max |PyTorch's re-save - original file| = " + maxWeightDifference(ours,
                torch.resolve("netG.pth"), torch.resolve("netD.pth"), c));
        PytorchImport.Result back = PytorchImport.run(new PytorchImport.Request(torch.resolve("netG.pth"),
                torch.resolve("netD.pth"), work.resolve("back"), ZPrior.NORMAL, 0, options));
        Map<String, Tensor> again = Checkpoint.readTensors(back.checkpoint());
        double d = 0;
        for (var e : ours.entrySet()) {
            if (e.getKey().startsWith("G/") || e.getKey().startsWith("D/")) {
                d = Math.max(d, max(e.getValue().data(), again.get(e.getKey()).data()));
            }
        }
        System.out.println("import -> export -> PyTorch -> import, weights: max difference = " + d);
    }

    /** Max difference between the checkpoint's tensors and a pair of .pth files, key by key. */
    private static double maxWeightDifference(Map<String, Tensor> ours, Path g, Path dFile, DcganConfig c)
            throws IOException {
        double m = 0;
        var gt = PthFile.read(g).tensors();
        var dt = PthFile.read(dFile).tensors();
        for (var e : io.dcganexplorer.interop.DcganLayout.generator(c.imageSize(), c.channels(), c.latentDim(),
                c.generatorFeatures(), c.kernel())) {
            m = Math.max(m, max(ours.get(e.ours()).data(), gt.get(e.key()).values()));
        }
        for (var e : io.dcganexplorer.interop.DcganLayout.discriminator(c.imageSize(), c.channels(),
                c.discriminatorFeatures(), c.kernel())) {
            m = Math.max(m, max(ours.get(e.ours()).data(), dt.get(e.key()).values()));
        }
        return m;
    }

    private static float[] render(Path ckpt, float[] z, DcganConfig c) throws IOException {
        try (NDManager m = Engines.get().newBaseManager();
                Generator g = Checkpoint.loadGenerator(ckpt, m)) {
            return g.forward(m.create(z, new Shape(z.length / c.latentDim(), c.latentDim())), false, m).toFloatArray();
        }
    }

    private static double max(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " values");
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    private static float[] floats(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        float[] out = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
