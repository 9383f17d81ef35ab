package io.dcganexplorer.interop;

import static io.dcganexplorer.interop.PytorchFixtures.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.interop.PthFile.Contents;
import io.dcganexplorer.interop.PthFile.PthTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what torch.save wrote, and refusing what a model file does not need. No DJL here. */
class PthFileTest {
    /** The command the hostile fixtures would run: {@code touch} of this file. */
    static final Path MARKER = Path.of("/tmp/dcgan-explorer-pickle-ran-code");

    @TempDir
    Path tmp;

    @Test
    void readsAStateDictOfPytorchExamplesGeneratorWithItsShapesAndIntegerCounters() throws IOException {
        Contents c = PthFile.read(file("netG.pth"));
        assertEquals("a state dict", c.savedAs());
        assertEquals(Set.of("cpu"), c.locations());
        assertEquals(Set.of("Float"), c.dtypes());
        // 5 convolutions, 4 BatchNorms of 5 tensors each (num_batches_tracked included)
        assertEquals(5 + 4 * 5, c.tensors().size());
        assertArrayEquals(new long[] {8, 32, 4, 4}, c.tensors().get("main.0.weight").shape());
        assertArrayEquals(new long[] {4, 3, 4, 4}, c.tensors().get("main.12.weight").shape());
        PthTensor counter = c.tensors().get("main.1.num_batches_tracked");
        assertTrue(counter.integral());
        assertEquals(37f, counter.values()[0], "the fixture's BatchNorms have tracked 37 batches");
    }

    @Test
    void readsAViewWithItsStorageOffsetAndStrides() throws IOException {
        PthTensor w = PthFile.read(file("netG-view.pth")).tensors().get("main.0.weight");
        assertArrayEquals(PytorchFixtures.floats("view-main.0.weight.f32"), w.values());
    }

    @Test
    void readsHalfPrecisionGpuLocationsDdpKeysAndWholeModulesAsTheSameTensors() throws IOException {
        Map<String, PthTensor> plain = PthFile.read(file("netG.pth")).tensors();
        Contents cuda = PthFile.read(file("netG-cuda.pth"));
        assertEquals(Set.of("cuda:0"), cuda.locations());
        Contents ddp = PthFile.read(file("netG-ddp.pth"));
        assertTrue(ddp.tensors().keySet().stream().allMatch(k -> k.startsWith("module.")));
        Contents module = PthFile.read(file("netG-module.pth"));
        assertEquals("a pickled module (__main__.Generator)", module.savedAs());
        Contents half = PthFile.read(file("netG-half.pth"));
        assertEquals(Set.of("Half"), half.dtypes());
        Map<String, PthTensor> unprefixed = PytorchImport.stripPrefix(ddp.tensors());
        for (var e : plain.entrySet()) {
            float[] want = e.getValue().values();
            assertArrayEquals(want, cuda.tensors().get(e.getKey()).values(), e.getKey());
            assertArrayEquals(want, unprefixed.get(e.getKey()).values(), e.getKey());
            assertArrayEquals(want, module.tensors().get(e.getKey()).values(), e.getKey());
            float[] h = half.tensors().get(e.getKey()).values();
            for (int i = 0; i < want.length; i++) {
                // float16 keeps 11 significant bits: relative error at most 2^-11 (values here are > 2^-14)
                assertEquals(want[i], h[i], Math.abs(want[i]) * 0x1p-11 + 1e-7, e.getKey());
            }
        }
    }

    @Test
    void refusesPosixSystemAndBuiltinsEvalWithoutRunningThem() throws IOException {
        Files.deleteIfExists(MARKER);
        IOException system = assertThrows(IOException.class, () -> PthFile.read(file("evil-system.pth")));
        assertTrue(system.getMessage().contains("posix.system"), system.getMessage());
        assertTrue(system.getMessage().contains("evil-system.pth"), system.getMessage());
        IOException eval = assertThrows(IOException.class, () -> PthFile.read(file("evil-eval.pth")));
        assertTrue(eval.getMessage().contains("__builtin__.eval"), eval.getMessage());
        assertFalse(Files.exists(MARKER), "the pickled command ran");
    }

    @Test
    void refusesAHandWrittenPickleThatCallsSubprocessBeforeAnyCall() throws IOException {
        // PROTO 2, GLOBAL subprocess.Popen, (), REDUCE, STOP in a torch.save-like zip
        byte[] body = ("\u0080\u0002csubprocess\nPopen\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path f = tmp.resolve("evil.pth");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("evil/data.pkl"));
            zip.write(body);
            zip.write(new byte[] {')', 'R', '.'});
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> PthFile.read(f));
        assertTrue(e.getMessage().contains("subprocess.Popen") && e.getMessage().contains(f.toString()),
                e.getMessage());
    }

    @Test
    void aTruncatedPickleIsAnErrorNamingTheFile() throws IOException {
        byte[] pkl;
        try (var zip = new java.util.zip.ZipFile(file("netG.pth").toFile())) {
            pkl = zip.getInputStream(zip.getEntry("netG/data.pkl")).readAllBytes();
        }
        for (int cut : new int[] {pkl.length / 3, pkl.length / 2, pkl.length - 1}) {
            Path f = tmp.resolve("cut" + cut + ".pth");
            try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
                zip.putNextEntry(new java.util.zip.ZipEntry("netG/data.pkl"));
                zip.write(pkl, 0, cut);
                zip.closeEntry();
            }
            IOException e = assertThrows(IOException.class, () -> PthFile.read(f), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotAZipIsNamedWithTheReason() throws IOException {
        Path f = tmp.resolve("old.pth");
        Files.write(f, new byte[] {(byte) 0x80, 2, 'N', '.'});
        IOException e = assertThrows(IOException.class, () -> PthFile.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("zip"), e.getMessage());
    }

    @Test
    void halfToFloatIsExactOnKnownValues() {
        assertEquals(1f, PthFile.halfToFloat((short) 0x3c00));
        assertEquals(-2f, PthFile.halfToFloat((short) 0xc000));
        assertEquals(65504f, PthFile.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, PthFile.halfToFloat((short) 0x0001));
        assertTrue(Float.isInfinite(PthFile.halfToFloat((short) 0x7c00)));
    }
}
