package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classifier-based score on a tiny labelled IDX set (three pattern classes, 16x16). */
class ScorerTest {
    @TempDir
    Path tmp;

    private static final Scorer.Options QUICK = new Scorer.Options(3, 10_000);

    @Test
    void theClassifierLearnsTheClassesAndTheScoreSeparatesRealFromNoise() throws Exception {
        Path data = ProbeFixture.write(tmp.resolve("idx"), 200, 60, 3);
        Path cache = tmp.resolve("cache");
        DatasetSpec spec = DatasetSpec.of("mnist", data);
        double accuracy;
        Path folder;
        try (Scorer s = Scorer.open(spec, 16, 1, 1, cache, QUICK, Scorer.Progress.NONE, () -> false)) {
            assertTrue(s.trainedNow());
            accuracy = s.testAccuracy();
            assertTrue(accuracy > 0.9, "test accuracy " + accuracy);
            assertEquals(180, s.testImages());

            // the test split against its own statistics: ~0; against uniform noise: large
            int n = 180;
            float[] test = new float[n * 256];
            try (ScoreData d = ScoreData.open(spec, 16, 1, 1)) {
                for (int i = 0; i < n; i++) {
                    d.test().read(i, test, i * 256);
                }
            }
            double self = s.score(test, n);
            double floor = s.floor(n);
            double ceiling = s.ceiling(n);
            assertTrue(self < 1e-3 * ceiling, "self " + self + " ceiling " + ceiling);
            assertTrue(ceiling > 5 * floor, "floor " + floor + " ceiling " + ceiling);
            folder = s.folder();
        }
        assertTrue(Files.isRegularFile(folder.resolve(Scorer.META)));
        assertTrue(folder.getFileName().toString().startsWith("mnist-16x1-"), folder.toString());

        // the second time it comes from the cache, with its accuracy and the floor computed before
        try (Scorer again = Scorer.open(spec, 16, 1, 1, cache, QUICK, Scorer.Progress.NONE, () -> false)) {
            assertFalse(again.trainedNow());
            assertEquals(accuracy, again.testAccuracy());
            assertTrue(again.meta().floor().containsKey("180"));
        }
    }

    @Test
    void randomPicturesScoreFarWorseThanRealOnes() throws Exception {
        Path data = ProbeFixture.write(tmp.resolve("idx"), 100, 40, 4);
        try (Scorer s = Scorer.open(DatasetSpec.of("fashion", data), 16, 1, 1, tmp.resolve("c"),
                new Scorer.Options(2, 10_000), Scorer.Progress.NONE, () -> false)) {
            Random r = new Random(1);
            float[] blobs = new float[100 * 256];
            for (int i = 0; i < blobs.length; i++) {
                blobs[i] = r.nextFloat() < 0.5 ? -1 : 1;
            }
            assertTrue(s.score(blobs, 100) > 3 * s.floor(100));
        }
    }

    @Test
    void dataWithoutLabelsIsRefusedSayingWhy() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("pics"));
        DatasetException e = assertThrows(DatasetException.class, () -> Scorer.open(DatasetSpec.of("folder", folder),
                16, 1, 1, tmp.resolve("c"), QUICK, Scorer.Progress.NONE, () -> false));
        assertTrue(e.getMessage().contains("no labels") || e.getMessage().contains(folder.toString()), e.getMessage());
    }

    @Test
    void facesTrainAnAttributeClassifier() throws Exception {
        try (Scorer s = Scorer.open(DatasetSpec.faces(400), 16, 3, 1, tmp.resolve("c"), new Scorer.Options(2, 10_000),
                Scorer.Progress.NONE, () -> false)) {
            assertEquals("attributes", s.meta().kind());
            assertEquals(40, s.testImages());
            assertTrue(s.testAccuracy() > 0.6, "attribute accuracy " + s.testAccuracy());
            assertTrue(s.ceiling(40) > s.floor(40));
        }
    }
}
