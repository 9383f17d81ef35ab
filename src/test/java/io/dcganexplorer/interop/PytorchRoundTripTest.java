package io.dcganexplorer.interop;

import static io.dcganexplorer.interop.PytorchFixtures.maxAbsDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.Provenance;
import io.dcganexplorer.train.TensorFile.Tensor;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full-size export (pytorch/examples' 64x64x3, nz 100, ngf = ndf = 64) through PyTorch itself and
 * back. Opt-in: needs a Python with torch and numpy,
 * {@code mvn -B -o test -Dtest=PytorchRoundTripTest -Ddcgan.torch.python=/path/to/python} (the
 * machine image's CPU wheel: /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl).
 * check_export.py loads netG.pth and netD.pth with {@code weights_only=True} into main.py's classes
 * (strict {@code load_state_dict}), runs netG.pt with {@code torch.jit.load}, renders, and saves the
 * networks again with {@code torch.save}; that is imported back.
 */
@EnabledIfSystemProperty(named = "dcgan.torch.python", matches = ".+")
class PytorchRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void fullSizeExportLoadsAndRendersInPytorchAndComesBackBitForBit() throws Exception {
        DcganConfig c = DcganConfig.preset(DcganConfig.Preset.PYTORCH, 64, 3);
        Path ckpt = tmp.resolve("ckpt/step-000000");
        List<Tensor> tensors = new ArrayList<>();
        try (NDManager m = Engines.get().newBaseManager();
                Generator g = new Generator(c, m);
                Discriminator d = new Discriminator(c, m)) {
            g.initialize(new Rng(11));
            d.initialize(new Rng(12));
            tensors.addAll(Checkpoint.tensorsOf("G", g));
            tensors.addAll(Checkpoint.tensorsOf("D", d));
        }
        Rng rng = new Rng(13);
        for (Tensor t : tensors) {
            // running statistics other than 0 and 1, so that a swapped mean and variance would show
            if (t.name().endsWith("running_mean")) {
                for (int i = 0; i < t.data().length; i++) {
                    t.data()[i] = 0.3f * rng.gaussian();
                }
            } else if (t.name().endsWith("running_var")) {
                for (int i = 0; i < t.data().length; i++) {
                    t.data()[i] = 0.5f + rng.uniform(0f, 1f);
                }
            }
        }
        Checkpoint.writeFolder(ckpt, new Checkpoint.Meta(Checkpoint.FORMAT, 0, 0, 0, 0, 0, 0, 0, c,
                Provenance.current(1)), tensors);
        PytorchExport.Result out = PytorchExport.export(ckpt, Checkpoint.Weights.AUTO, tmp.resolve("export"));

        float[] z = new Rng(14).latent(8, c.latentDim(), c.prior());
        Path zFile = tmp.resolve("z.f32");
        writeFloats(zFile, z);
        Path checked = tmp.resolve("torch");
        String log = python(PytorchFixtures.file("check_export.py").toAbsolutePath().toString(),
                out.generator().getParent().toString(), zFile.toString(), checked.toString());
        System.out.println(log);

        float[] ours;
        try (NDManager m = Engines.get().newBaseManager();
                Generator g = Checkpoint.loadGenerator(ckpt, m)) {
            ours = g.forward(m.create(z, new ai.djl.ndarray.types.Shape(8, c.latentDim())), false, m).toFloatArray();
        }
        double examples = maxAbsDifference(ours, readFloats(checked.resolve("images.f32")));
        double jit = maxAbsDifference(ours, readFloats(checked.resolve("images-jit.f32")));
        System.out.println("export 64x64 nz=100 ngf=64: max |ours - PyTorch main.py class| = " + examples
                + ", max |ours - TorchScript netG.pt| = " + jit);
        assertTrue(examples < 1e-4 && jit < 1e-4, examples + " " + jit);

        PytorchImport.Result back = PytorchImport.run(new PytorchImport.Request(checked.resolve("netG.pth"),
                checked.resolve("netD.pth"), tmp.resolve("back"), c.prior(), 64, TrainingOptions.defaults()
                        .withSampleCount(4)));
        assertEquals(c, back.config());
        Map<String, Tensor> again = Checkpoint.readTensors(back.checkpoint());
        for (Tensor t : tensors) {
            assertArrayEquals(t.data(), again.get(t.name()).data(), t.name());
        }
    }

    private static String python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("dcgan.torch.python")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "python did not finish");
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private static void writeFloats(Path f, float[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Files.write(f, b.array());
    }

    private static float[] readFloats(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        float[] out = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
