package io.dcganexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dcganexplorer.TinyRun;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.model.ZPrior;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neighbours} on the tiny fixture run (16x16x1, trained on faces:32). */
class NeighboursCommandTest {
    @TempDir
    Path tmp;

    private String cacheBefore;

    @BeforeEach
    void cacheInTmp() {
        cacheBefore = System.getProperty("dcgan.cache.dir");
        System.setProperty("dcgan.cache.dir", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restoreCache() {
        if (cacheBefore == null) {
            System.clearProperty("dcgan.cache.dir");
        } else {
            System.setProperty("dcgan.cache.dir", cacheBefore);
        }
    }

    private static JsonObject json(Path p) throws Exception {
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }

    @Test
    void writesTheQueryAndItsNeighboursInBothSpaces() throws Exception {
        Path out = tmp.resolve("nn.png");
        var r = CliTest.run("neighbours", "--run-dir", InterpolateCommandTest.RUN, "--seed", "3", "--k", "4", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("building the neighbour index"), r.err());
        BufferedImage img = ImageIO.read(out.toFile());
        assertTrue(img.getWidth() > 4 * 64 && img.getHeight() > 3 * 64, img.getWidth() + "x" + img.getHeight());
        JsonObject j = json(tmp.resolve("nn.json"));
        assertEquals(4, j.getAsJsonArray("pixels").size());
        assertEquals(4, j.getAsJsonArray("features").size());
        assertEquals("G(z), seed 3", j.get("query").getAsString());
        assertTrue(r.out().contains("pixels:") && r.out().contains("D features:"), r.out());

        // the second time the index comes from the cache
        var again = CliTest.run("neighbours", "--run-dir", InterpolateCommandTest.RUN, "--seed", "3", "--k", "4",
                "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(!again.err().contains("building"), again.err());
        assertEquals(withoutTime(j), withoutTime(json(tmp.resolve("nn.json"))), "same neighbours from the cache");
    }

    private static JsonObject withoutTime(JsonObject j) {
        JsonObject c = j.deepCopy();
        c.remove("searchSeconds");
        return c;
    }

    @Test
    void aTrainingImageGivenAsAFileFindsItself() throws Exception {
        Path png = tmp.resolve("face7.png");
        try (ImageDataset data = DatasetSpec.parse("faces:32").open(16, 1, 1)) {
            float[] chw = new float[16 * 16];
            data.read(7, chw, 0);
            PngFiles.write(ImageGrids.image(chw, 0, 1, 16), png);
        }
        Path out = tmp.resolve("file.png");
        var r = CliTest.run("neighbours", "--run-dir", InterpolateCommandTest.RUN, "--image", png.toString(), "--k",
                "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject j = json(tmp.resolve("file.json"));
        JsonObject first = j.getAsJsonArray("pixels").get(0).getAsJsonObject();
        assertEquals(7, first.get("index").getAsInt());
        // the file holds the face rounded to bytes
        assertTrue(first.get("distance").getAsDouble() < 0.01, first.toString());
        assertEquals(7, j.getAsJsonArray("features").get(0).getAsJsonObject().get("index").getAsInt());
    }

    @Test
    void theDemoIsSearchedWithItsIndexInTheUserCacheAndNothingWrittenIntoIt() throws Exception {
        try (io.dcganexplorer.TinyDemo demo = io.dcganexplorer.TinyDemo.install(tmp.resolve("demo"))) {
            Path dir = io.dcganexplorer.train.ShippedDemo.open().runDir();
            List<String> before = files(dir);
            Path out = tmp.resolve("demo-nn.png");
            var r = CliTest.run("neighbours", "--demo", "--seed", "2", "--k", "3", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(3, json(tmp.resolve("demo-nn.json")).getAsJsonArray("features").size());
            assertEquals(before, files(dir), "nothing was written into the demo");
            try (var s = Files.list(io.dcganexplorer.eval.Scorer.defaultCacheRoot().resolve("neighbours"))) {
                assertEquals(1, s.count(), "the index is in the user cache");
            }
        }
    }

    private static List<String> files(Path dir) throws Exception {
        try (var s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aMissingImageFailsNamingItBeforeAnyIndexing() throws Exception {
        Path missing = tmp.resolve("missing.png");
        var r = CliTest.run("neighbours", "--run-dir", InterpolateCommandTest.RUN, "--image", missing.toString(),
                "--out", tmp.resolve("x.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(missing.toString()), r.err());
        assertTrue(!r.err().contains("building") && !Files.exists(tmp.resolve("cache")), r.err());
    }

    @Test
    void aSavedLatentIsReadByNameAndFromAFile() throws Exception {
        Path run = TinyRun.copyTo(tmp.resolve("run"));
        float[] z = new Rng(3).latent(1, 8, ZPrior.UNIFORM);
        LatentStore.update(run, 8, s -> s.putVector("three", z));
        Path byName = tmp.resolve("name.png");
        var r = CliTest.run("neighbours", "--run-dir", run.toString(), "--latent", "three", "--k", "3", "--out",
                byName.toString());
        assertEquals(0, r.code(), r.err());
        Path bySeed = tmp.resolve("seed.png");
        assertEquals(0, CliTest.run("neighbours", "--run-dir", run.toString(), "--seed", "3", "--k", "3", "--out",
                bySeed.toString()).code());
        assertEquals(json(tmp.resolve("seed.json")).get("pixels"), json(tmp.resolve("name.json")).get("pixels"),
                "the saved z is seed 3's");
        Path file = run.resolve(LatentStore.FILE);
        Path byFile = tmp.resolve("file.png");
        assertEquals(0, CliTest.run("neighbours", "--run-dir", run.toString(), "--latent", file.toString(), "--k",
                "3", "--out", byFile.toString()).code());
        assertEquals(json(tmp.resolve("seed.json")).get("features"), json(tmp.resolve("file.json")).get("features"));

        var missing = CliTest.run("neighbours", "--run-dir", run.toString(), "--latent", "nothing", "--out",
                byFile.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("'nothing' is neither a file nor a latent vector saved in"), missing.err());
    }

    @Test
    void statsCompareGeneratedAndTrainingDistances() throws Exception {
        Path out = tmp.resolve("stats.json");
        var r = CliTest.run("neighbours", "--run-dir", InterpolateCommandTest.RUN, "--stats", "12", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pixels      generated") && r.out().contains("D features  generated"), r.out());
        JsonObject j = json(out);
        assertEquals(12, j.get("n").getAsInt());
        double genMedian = j.getAsJsonObject("generatedPixels").get("median").getAsDouble();
        double trainMedian = j.getAsJsonObject("trainingPixels").get("median").getAsDouble();
        assertTrue(genMedian > 0 && trainMedian > 0, j.toString());
        JsonObject d = j.getAsJsonObject("trainingFeatures");
        assertTrue(d.get("p10").getAsDouble() <= d.get("median").getAsDouble()
                && d.get("median").getAsDouble() <= d.get("p90").getAsDouble(), d.toString());
    }
}
