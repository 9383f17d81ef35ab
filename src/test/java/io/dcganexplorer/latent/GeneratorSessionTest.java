package io.dcganexplorer.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.TensorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorSessionTest {
    static final Path FIXTURE = Path.of("src/test/resources/runs/format1-tiny");

    @TempDir
    Path tmp;

    static Path checkpoint() throws IOException {
        return RunDirectory.open(FIXTURE).latestCheckpoint().orElseThrow();
    }

    @Test
    void rendersTheCheckpointsFixedNoiseAsTheTrainerWould() throws Exception {
        Path ckpt = checkpoint();
        float[] z = Checkpoint.fixedNoise(ckpt);
        float[] expected = TensorFile.read(FIXTURE.resolve("expected-fixed-noise-render.bin")).get(0).data();
        try (GeneratorSession s = GeneratorSession.open(ckpt)) {
            int dim = s.config().latentDim();
            List<float[]> zs = new ArrayList<>();
            for (int i = 0; i < z.length / dim; i++) {
                zs.add(java.util.Arrays.copyOfRange(z, i * dim, (i + 1) * dim));
            }
            List<Pixels> images = s.render(zs).get(30, TimeUnit.SECONDS);
            assertEquals(zs.size(), images.size());
            for (int i = 0; i < images.size(); i++) {
                Pixels want = ImageGrids.image(expected, i, s.config().channels(), s.config().imageSize());
                assertEquals(java.util.Arrays.toString(want.argb()), java.util.Arrays.toString(images.get(i).argb()),
                        "image " + i);
            }
            // a slider request renders the same z the same way
            Pixels one = s.renderLatest("slider", zs.get(0)).get(30, TimeUnit.SECONDS);
            assertEquals(java.util.Arrays.toString(images.get(0).argb()), java.util.Arrays.toString(one.argb()));
            Pixels other = s.renderLatest("slider", zs.get(1)).get(30, TimeUnit.SECONDS);
            assertNotEquals(java.util.Arrays.toString(one.argb()), java.util.Arrays.toString(other.argb()));
        }
    }

    @Test
    void aWrongSizedZIsRefused() throws Exception {
        try (GeneratorSession s = GeneratorSession.open(checkpoint())) {
            var f = s.render(List.of(new float[s.config().latentDim() + 1]));
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("dimensions"), e.getCause().getMessage());
        }
    }

    @Test
    void aDamagedCheckpointFailsToOpenWithItsMessage() throws Exception {
        Path copy = tmp.resolve("ckpt");
        Files.createDirectories(copy);
        for (String f : List.of("checkpoint.json", "tensors.bin")) {
            Files.copy(checkpoint().resolve(f), copy.resolve(f));
        }
        byte[] all = Files.readAllBytes(copy.resolve("tensors.bin"));
        Files.write(copy.resolve("tensors.bin"), java.util.Arrays.copyOf(all, 100));
        IOException e = assertThrows(IOException.class, () -> GeneratorSession.open(copy));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
