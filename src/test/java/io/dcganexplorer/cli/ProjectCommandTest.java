package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code project} on the tiny fixture run (16x16x1, z of 8, uniform prior). */
class ProjectCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesALoadableZThePairAndTheDistances() throws Exception {
        Path run = io.dcganexplorer.TinyRun.PATH;
        Path target = tmp.resolve("target.png");
        // G's own image of a z from the prior (sample's grid would add a border)
        try (GeneratorSession g = GeneratorSession.open(RunDirectory.open(run).latestCheckpoint().orElseThrow())) {
            float[] zStar = new Rng(5).latent(1, 8, ZPrior.UNIFORM);
            PngFiles.write(g.render(List.of(zStar)).get(30, TimeUnit.SECONDS).get(0), target);
        }
        Path out = tmp.resolve("out");
        var r = CliTest.run("project", "--run-dir", run.toString(), "--image", target.toString(), "--steps", "20",
                "--starts", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("projecting: step 20/20"), r.err());
        assertTrue(r.out().contains("pixel RMSE"), r.out());

        float[] z = LatentStore.resolve(run, out.resolve(ProjectCommand.Z_FILE).toString(), 8);
        assertEquals(8, z.length);
        for (float v : z) {
            assertTrue(v >= -1 && v <= 1, "a uniform-prior z stays in [-1, 1]: " + v);
        }
        BufferedImage pair = ImageIO.read(out.resolve(ProjectCommand.PNG_FILE).toFile());
        assertEquals(16 + 2 + 16, pair.getWidth());
        assertEquals(16, pair.getHeight());
        JsonObject summary = Json.read(out.resolve(ProjectCommand.SUMMARY_FILE), JsonObject.class);
        double rmse = summary.get("pixelRmse").getAsDouble();
        assertTrue(rmse >= 0 && rmse < 0.05, "a sample of the same G is matched closely: " + rmse);
        assertTrue(summary.get("featureDistance").getAsDouble() >= 0);
        assertEquals(20, summary.get("steps").getAsInt());

        // the z is a row of direction's line, as a held-out face with the smile direction applied would be
        Path line = tmp.resolve("line.png");
        var d = CliTest.run("direction", "--run-dir", run.toString(), "--p", "1", "--q", "2", "--latent",
                out.resolve(ProjectCommand.Z_FILE).toString(), "--frames", "3", "--out", line.toString());
        assertEquals(0, d.code(), d.err());
        assertEquals(16, ImageIO.read(line.toFile()).getHeight() - 2 * 2, "one row");
    }

    @Test
    void aFileThatIsNoImageIsNamedAndNothingIsWritten() throws Exception {
        Path bad = tmp.resolve("notes.png");
        Files.writeString(bad, "not a picture");
        Path out = tmp.resolve("out");
        var r = CliTest.run("project", "--run-dir", io.dcganexplorer.TinyRun.PATH.toString(), "--image",
                bad.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bad.toString()), r.err());
        assertFalse(Files.exists(out));
        assertEquals(2, CliTest.run("project", "--run-dir", io.dcganexplorer.TinyRun.PATH.toString(), "--image",
                bad.toString(), "--out", out.toString(), "--steps", "0").code());
    }
}
