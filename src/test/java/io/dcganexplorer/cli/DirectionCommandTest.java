package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.model.ZPrior;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code direction} on a copy of the tiny fixture run (16x16x1, z of 8, uniform prior, faces:32). */
class DirectionCommandTest {
    @TempDir
    Path tmp;

    private Path copyRun() throws Exception {
        return io.dcganexplorer.TinyRun.copyTo(tmp.resolve("run"));
    }

    private static float[] z(long seed) {
        return new Rng(seed).latent(1, 8, ZPrior.UNIFORM);
    }

    @Test
    void meanPMinusMeanQAlongALineOneRowPerSeedAndSavedForTheWindow() throws Exception {
        Path run = copyRun();
        Path out = tmp.resolve("turn.png");
        var r = CliTest.run("direction", "--run-dir", run.toString(), "--p", "1,2", "--q", "3,4", "--seeds", "5,6",
                "--frames", "5", "--save", "turn", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 rows x 5 strengths from -2.00 to +2.00"), r.out());
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(5 * 16 + 6 * 2, img.getWidth());
        assertEquals(2 * 16 + 3 * 2, img.getHeight());
        float[] expected = Latent.direction(List.of(z(1), z(2)), List.of(z(3), z(4)));
        assertArrayEquals(expected, LatentStore.read(run, 8).directions().get("turn"), 1e-6f);

        var again = CliTest.run("direction", "--run-dir", run.toString(), "--saved", "turn", "--seeds", "5,6",
                "--frames", "5", "--out", tmp.resolve("again.png").toString());
        assertEquals(0, again.code(), again.err());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(tmp.resolve("again.png")),
                "the saved direction draws the same picture");
    }

    @Test
    void anUnknownSavedDirectionOrAttributeIsNamed() throws Exception {
        Path run = copyRun();
        var saved = CliTest.run("direction", "--run-dir", run.toString(), "--saved", "nope", "--seeds", "1", "--out",
                tmp.resolve("a.png").toString());
        assertEquals(1, saved.code());
        assertTrue(saved.err().contains("no direction 'nope' in " + run.resolve("latents.json")), saved.err());
        var attr = CliTest.run("direction", "--run-dir", run.toString(), "--attribute", "Wizard", "--seeds", "1",
                "--out", tmp.resolve("a.png").toString());
        assertEquals(2, attr.code());
        assertTrue(attr.err().contains("unknown attribute 'Wizard'"), attr.err());
        assertTrue(Files.notExists(tmp.resolve("a.png")));
    }

    @Test
    void anAttributeDirectionComesFromScoredSamples() throws Exception {
        Path run = copyRun();
        Path out = tmp.resolve("smile.png");
        var r = CliTest.run("direction", "--run-dir", run.toString(), "--attribute", "smiling", "--pool", "40",
                "--scorer", "d", "--seeds", "1,2,3", "--frames", "3", "--save", "Smiling", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("on the discriminator's features"), r.err());
        assertTrue(r.err().contains("classifier accuracy on held-out real images"), r.err());
        assertEquals(3 * 16 + 4 * 2, ImageIO.read(out.toFile()).getHeight());
        assertTrue(Latent.norm(LatentStore.read(run, 8).directions().get("Smiling")) > 0);
    }

    @Test
    void byDefaultTheAttributeProbeReadsTheRealPixelCnnAsTheWindowDoes() throws Exception {
        Path run = copyRun();
        String cache = tmp.resolve("cache").toString();
        var r = CliTest.run("direction", "--run-dir", run.toString(), "--attribute", "smiling", "--pool", "24",
                "--cache", cache, "--classifier-epochs", "1", "--seeds", "1", "--frames", "3", "--out",
                tmp.resolve("cnn.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("scorer: the CNN in " + cache), r.err());
        assertTrue(r.err().contains("on the real-pixel CNN's features"), r.err());
        var bad = CliTest.run("direction", "--run-dir", run.toString(), "--attribute", "smiling",
                "--classifier-epochs", "0", "--seeds", "1", "--out", tmp.resolve("b.png").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--classifier-epochs"), bad.err());
    }
}
