package io.dcganexplorer.interop;

import static io.dcganexplorer.interop.PytorchFixtures.file;
import static io.dcganexplorer.interop.PytorchFixtures.floats;
import static io.dcganexplorer.interop.PytorchFixtures.maxAbsDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.TinyRun;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.TensorFile.Tensor;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing pytorch/examples' networks: our rendering against PyTorch's, and the errors. */
class PytorchImportTest {
    /** float32 sums in another order (oneDNN vs PyTorch's CPU kernels) over tanh in [-1, 1]. */
    static final double IMAGE_TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    static PytorchImport.Request request(Path g, Path d, Path run) {
        return new PytorchImport.Request(g, d, run, ZPrior.NORMAL, 0, TrainingOptions.defaults().withSampleCount(4));
    }

    /** Renders z with the run's newest checkpoint, as `sample` does (inference-mode BatchNorm). */
    static float[] render(Path runDir, float[] z) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        DcganConfig c = run.config();
        try (NDManager m = Engines.get().newBaseManager();
                Generator g = Checkpoint.loadGenerator(run.latestCheckpoint().orElseThrow(), m)) {
            return g.forward(m.create(z, new Shape(z.length / c.latentDim(), c.latentDim())), false, m).toFloatArray();
        }
    }

    @Test
    void importedGeneratorAndDiscriminatorComputeWhatPytorchComputed() throws IOException {
        Path run = tmp.resolve("imported");
        PytorchImport.Result r = PytorchImport.run(request(file("netG.pth"), file("netD.pth"), run));
        assertEquals(new DcganConfig(64, 3, 8, 4, 4, KernelPreset.K4, ZPrior.NORMAL), r.config());
        assertEquals(run.toAbsolutePath().resolve("checkpoints/step-000000"), r.checkpoint());
        float[] images = render(run, floats("z.f32"));
        double diff = maxAbsDifference(floats("images.f32"), images);
        System.out.println("import 64x64: max |ours - PyTorch| over the images = " + diff);
        assertTrue(diff < IMAGE_TOLERANCE, "max difference " + diff);

        // D's logits through a sigmoid against main.py's Sigmoid output, on PyTorch's images
        try (NDManager m = Engines.get().newBaseManager();
                Discriminator d = new Discriminator(r.config(), m)) {
            Checkpoint.load("D", d, Checkpoint.readTensors(r.checkpoint()), r.checkpoint());
            float[] logits = d.forward(m.create(floats("images.f32"), new Shape(4, 3, 64, 64)), false).toFloatArray();
            float[] probs = new float[logits.length];
            for (int i = 0; i < probs.length; i++) {
                probs[i] = (float) (1 / (1 + Math.exp(-logits[i])));
            }
            double dd = maxAbsDifference(floats("d-probs.f32"), probs);
            System.out.println("import 64x64: max |ours - PyTorch| over D's probabilities = " + dd);
            assertTrue(dd < 1e-5, "max difference " + dd);
        }
        Map<String, String> prov = RunDirectory.open(run).provenance();
        assertTrue(prov.get("generator_file").endsWith("netG.pth"), prov.toString());
        assertEquals(64, prov.get("generator_sha256").length());
        assertTrue(Files.isRegularFile(run.resolve("samples/step-000000.png")), "the fixed-noise grid");
        assertFalse(r.notes().isEmpty());
    }

    @Test
    void smallerSizesFollowTheSameLayerPattern() throws IOException {
        Path run = tmp.resolve("imported32");
        PytorchImport.Result r = PytorchImport.run(new PytorchImport.Request(file("netG-32.pth"), file("netD-32.pth"),
                run, ZPrior.UNIFORM, 32, TrainingOptions.defaults().withSampleCount(4)));
        assertEquals(32, r.config().imageSize());
        assertEquals(ZPrior.UNIFORM, r.config().prior());
        double diff = maxAbsDifference(floats("images-32.f32"), render(run, floats("z-32.f32")));
        assertTrue(diff < IMAGE_TOLERANCE, "max difference " + diff);
    }

    @Test
    void ddpGpuModuleAndHalfFilesImportToTheSameImages() throws IOException {
        float[] z = floats("z.f32");
        for (String f : new String[] {"netG-ddp.pth", "netG-cuda.pth", "netG-module.pth"}) {
            Path run = tmp.resolve(f);
            PytorchImport.run(request(file(f), null, run));
            double diff = maxAbsDifference(floats("images.f32"), render(run, z));
            assertTrue(diff < IMAGE_TOLERANCE, f + ": max difference " + diff);
        }
        Path half = tmp.resolve("half");
        PytorchImport.Result r = PytorchImport.run(request(file("netG-half.pth"), null, half));
        assertTrue(r.notes().get(0).contains("widened to float32"), r.notes().toString());
        double diff = maxAbsDifference(floats("images-half.f32"), render(half, z));
        assertTrue(diff < IMAGE_TOLERANCE, "half: max difference " + diff);
    }

    @Test
    void aShapeMismatchNamesTheKeyTheShapeFoundAndTheShapeExpected() {
        Path run = tmp.resolve("bad");
        IOException e = assertThrows(IOException.class,
                () -> PytorchImport.run(request(file("netG-badshape.pth"), null, run)));
        assertTrue(e.getMessage().contains("main.3.weight has shape [16, 7, 4, 4]")
                && e.getMessage().contains("needs [32, 16, 4, 4]"), e.getMessage());
        assertFalse(Files.exists(run), "nothing written");
    }

    @Test
    void checksTheImageSizeAskedForAndThePairAndNeverWritesIntoAnExistingRun() throws IOException {
        IOException size = assertThrows(IOException.class, () -> PytorchImport.run(new PytorchImport.Request(
                file("netG.pth"), null, tmp.resolve("a"), ZPrior.NORMAL, 32, TrainingOptions.defaults())));
        assertTrue(size.getMessage().contains("makes 64x64 images"), size.getMessage());
        IOException pair = assertThrows(IOException.class,
                () -> PytorchImport.run(request(file("netG.pth"), file("netD-32.pth"), tmp.resolve("b"))));
        assertTrue(pair.getMessage().contains("not a pair"), pair.getMessage());
        Path existing = TinyRun.copyTo(tmp.resolve("existing"));
        IOException full = assertThrows(IOException.class,
                () -> PytorchImport.run(request(file("netG.pth"), null, existing)));
        assertTrue(full.getMessage().contains("not empty"), full.getMessage());
        assertTrue(Files.exists(existing.resolve("config.json")));
        IOException evil = assertThrows(IOException.class,
                () -> PytorchImport.run(request(file("evil-system.pth"), null, tmp.resolve("c"))));
        assertTrue(evil.getMessage().contains("posix.system"), evil.getMessage());
        assertFalse(Files.exists(PthFileTest.MARKER));
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".tmp")), "no temporary folder left");
        }
    }

    @Test
    void exportThenImportGivesBackEveryTensorBitForBit() throws IOException {
        Path run = TinyRun.copyTo(tmp.resolve("tiny"));
        Path ckpt = RunDirectory.open(run).latestCheckpoint().orElseThrow();
        PytorchExport.Result out = PytorchExport.export(ckpt, Checkpoint.Weights.TRAINED, tmp.resolve("out"));
        DcganConfig c = out.config();
        Path back = tmp.resolve("back");
        PytorchImport.Result r = PytorchImport.run(new PytorchImport.Request(out.generator(), out.discriminator(), back,
                c.prior(), 0, TrainingOptions.defaults().withSampleCount(4)));
        assertEquals(c, r.config());
        Map<String, Tensor> before = Checkpoint.readTensors(ckpt);
        Map<String, Tensor> after = Checkpoint.readTensors(r.checkpoint());
        int compared = 0;
        for (Tensor t : after.values()) {
            if (t.name().startsWith("G/") || t.name().startsWith("D/")) {
                assertArrayEquals(before.get(t.name()).shape(), t.shape(), t.name());
                assertArrayEquals(before.get(t.name()).data(), t.data(), t.name());
                compared++;
            }
        }
        assertEquals(before.keySet().stream().filter(k -> k.startsWith("G/") || k.startsWith("D/")).count(), compared);
    }
}
