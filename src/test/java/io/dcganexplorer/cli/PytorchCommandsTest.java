package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PytorchCommandsTest {
    static final Path FIXTURES = Path.of("src/test/resources/pytorch");

    @TempDir
    Path tmp;

    @Test
    void importMakesARunThatSampleRendersAndExportWritesItBack() throws Exception {
        Path run = tmp.resolve("imported");
        var r = CliTest.run("import-pytorch", "--generator", FIXTURES.resolve("netG-ddp.pth").toString(),
                "--discriminator", FIXTURES.resolve("netD.pth").toString(), "--run-dir", run.toString(),
                "--prior", "uniform", "--image-size", "64");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("64x64x3, z=8, ngf=4, ndf=4") && r.out().contains("\"module.\" prefix dropped"),
                r.out());
        assertEquals(ZPrior.UNIFORM, RunDirectory.open(run).config().prior());

        var sample = CliTest.run("sample", "--run-dir", run.toString(), "--count", "4", "--out",
                tmp.resolve("s.png").toString());
        assertEquals(0, sample.code(), sample.err());
        assertTrue(Files.size(tmp.resolve("s.png")) > 0);

        Path out = tmp.resolve("exported");
        var e = CliTest.run("export-pytorch", "--run-dir", run.toString(), "--out", out.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("load these with load_state_dict") && e.out().contains("--prior uniform"), e.out());
        for (String f : new String[] {"netG.pth", "netD.pth", "netG.pt"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        var again = CliTest.run("import-pytorch", "--generator", out.resolve("netG.pth").toString(), "--discriminator",
                out.resolve("netD.pth").toString(), "--run-dir", tmp.resolve("again").toString(), "--prior", "uniform");
        assertEquals(0, again.code(), again.err());
        Map<String, Tensor> a = Checkpoint.readTensors(run.resolve("checkpoints/step-000000"));
        Map<String, Tensor> b = Checkpoint.readTensors(tmp.resolve("again/checkpoints/step-000000"));
        for (Tensor t : a.values()) {
            if (t.name().startsWith("G/") || t.name().startsWith("D/")) {
                assertArrayEquals(t.data(), b.get(t.name()).data(), t.name());
            }
        }
    }

    @Test
    void exportOfASmallerRunSaysWhatItExportsTo() throws Exception {
        Path run = TinyRun.copyTo(tmp.resolve("tiny"));
        var e = CliTest.run("export-pytorch", "--run-dir", run.toString(), "--checkpoint", "step-000002", "--out",
                tmp.resolve("out").toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("same key pattern") && e.out().contains("3 convolutions"), e.out());
    }

    @Test
    void refusedFilesAndBadOptionsSayWhy() throws Exception {
        var evil = CliTest.run("import-pytorch", "--generator", FIXTURES.resolve("evil-system.pth").toString(),
                "--run-dir", tmp.resolve("x").toString());
        assertEquals(1, evil.code());
        assertTrue(evil.err().startsWith("error: ") && evil.err().contains("posix.system"), evil.err());
        var bad = CliTest.run("import-pytorch", "--generator", FIXTURES.resolve("netG-badshape.pth").toString(),
                "--run-dir", tmp.resolve("y").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("main.3.weight has shape [16, 7, 4, 4]"), bad.err());
        assertEquals(2, CliTest.run("import-pytorch", "--generator", FIXTURES.resolve("netG.pth").toString(),
                "--run-dir", tmp.resolve("z").toString(), "--prior", "cauchy").code());
        var missing = CliTest.run("import-pytorch", "--generator", tmp.resolve("nope.pth").toString(), "--run-dir",
                tmp.resolve("w").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.pth: no such file"), missing.err());
        assertFalse(Files.exists(tmp.resolve("x")) || Files.exists(tmp.resolve("y")) || Files.exists(tmp.resolve("w")));
    }
}
