package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The neighbour index on the tiny fixture (16x16x1, ndf 4) over 200 built-in faces. */
class NeighbourIndexTest {
    static final Path CHECKPOINT = TinyRun.PATH.resolve("checkpoints/step-000002");
    static final DatasetSpec FACES = DatasetSpec.parse("faces:200");

    @TempDir
    Path tmp;

    private final Recorder progress = new Recorder();

    @BeforeEach
    void grad() {
        Engines.disableGradOnThisThread();
    }

    /** Counts what an open reported. */
    static final class Recorder implements NeighbourIndex.Progress {
        final List<String> lines = new ArrayList<>();
        int builds;
        int lastDone;

        @Override
        public void say(String line) {
            lines.add(line);
        }

        @Override
        public void building(int done, int total, double seconds) {
            if (done == total) {
                builds++;
            }
            lastDone = done;
        }
    }

    private NeighbourIndex open(Path checkpoint) throws Exception {
        return NeighbourIndex.open(checkpoint, FACES, 1, tmp.resolve("cache"), progress, () -> false);
    }

    @Test
    void aTrainingImagesOwnNearestNeighbourIsItselfInBothSpaces() throws Exception {
        try (NeighbourIndex index = open(CHECKPOINT)) {
            assertEquals(200, index.size());
            assertEquals(4 + 8, index.featureCount(), "ndf 4, two stages at 16x16: 4 + 8 channel means");
            for (int i : new int[] {0, 57, 199}) {
                NeighbourIndex.Neighbours n = index.search(index.image(i), 5);
                assertEquals(i, n.pixels().get(0).index(), "pixel space, image " + i);
                assertEquals(0.0, n.pixels().get(0).distance(), 0.0);
                assertEquals(i, n.features().get(0).index(), "feature space, image " + i);
                // computed alone here and in a batch of 64 when built: equal but for the last bits
                assertEquals(0.0, n.features().get(0).distance(), 1e-5);
                assertTrue(n.features().get(1).distance() > 100 * n.features().get(0).distance(),
                        "the second nearest is another image, farther: " + n.features());
                assertEquals(5, n.pixels().size());
                assertEquals(5, n.features().size());
                assertTrue(n.imagesCompared() < 200, "the compact bound should skip some images, compared "
                        + n.imagesCompared());
            }
        }
    }

    @Test
    void pixelSearchFindsWhatComparingEveryImageFinds() throws Exception {
        try (NeighbourIndex index = open(CHECKPOINT)) {
            int plane = 16 * 16;
            float[][] all = new float[200][];
            for (int i = 0; i < 200; i++) {
                all[i] = index.image(i);
            }
            Random r = new Random(5);
            for (int trial = 0; trial < 5; trial++) {
                // a blend of two faces with noise: near several of them, equal to none
                float[] q = new float[plane];
                int a = r.nextInt(200);
                int b = r.nextInt(200);
                for (int p = 0; p < plane; p++) {
                    float v = 0.6f * all[a][p] + 0.4f * all[b][p] + 0.1f * (float) r.nextGaussian();
                    q[p] = Math.max(-1, Math.min(1, v));
                }
                List<Integer> brute = IntStream.range(0, 200).boxed()
                        .sorted(Comparator.comparingDouble(j -> CompactPixels.rms(q, 0, all[j], 0, plane)))
                        .limit(6).toList();
                NeighbourIndex.Neighbours n = index.search(q, 6);
                assertEquals(brute, n.pixels().stream().map(NeighbourIndex.Neighbour::index).toList());
                assertTrue(n.exact(), "proven within " + n.imagesCompared() + " comparisons");
                assertEquals(CompactPixels.rms(q, 0, all[brute.get(0)], 0, plane), n.pixels().get(0).distance(), 1e-9);
            }
            NeighbourIndex.Neighbours other = index.searchTraining(57, 3);
            assertFalse(other.pixels().stream().anyMatch(x -> x.index() == 57), "the image itself is left out");
            assertFalse(other.features().stream().anyMatch(x -> x.index() == 57));
        }
    }

    @Test
    void theCacheIsReusedAndBuiltAgainWhenTheCheckpointChanges() throws Exception {
        Path file;
        try (NeighbourIndex index = open(CHECKPOINT)) {
            file = index.cacheFile();
            assertEquals(1, progress.builds);
            assertTrue(index.buildSeconds() > 0);
        }
        assertTrue(Files.isRegularFile(file));
        assertTrue(file.startsWith(tmp.resolve("cache").resolve("neighbours")));
        long size = Files.size(file);
        assertEquals(8 + 4 + 2 + 32 + 12 + 200 * 16 * 16 + 4 * 200 * 12 + 8, size, "header, bytes, floats, checksum");
        try (NeighbourIndex again = open(CHECKPOINT)) {
            assertEquals(1, progress.builds, "the second open reads the cache");
            assertEquals(0.0, again.buildSeconds());
            assertEquals(file, again.cacheFile());
            assertEquals(57, again.search(again.image(57), 1).pixels().get(0).index());
        }
        // the same checkpoint with one of D's weights changed is another model
        Path changed = tmp.resolve("changed");
        Checkpoint.Meta meta = Checkpoint.readMeta(CHECKPOINT);
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : Checkpoint.readTensors(CHECKPOINT).values()) {
            float[] v = t.data().clone();
            if (t.name().equals("D/d.0.weight")) {
                v[0] += 0.5f;
            }
            tensors.add(new Tensor(t.name(), t.shape(), v));
        }
        Checkpoint.writeFolder(changed, meta, tensors);
        try (NeighbourIndex other = open(changed)) {
            assertEquals(2, progress.builds, "a changed checkpoint builds its own index");
            assertNotEquals(file, other.cacheFile());
        }
        assertTrue(Files.isRegularFile(file), "the first checkpoint's index is kept");
    }

    @Test
    void aDamagedCacheIsReportedAndBuiltAgain() throws Exception {
        Path file;
        try (NeighbourIndex index = open(CHECKPOINT)) {
            file = index.cacheFile();
        }
        byte[] good = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(good, good.length / 2));
        try (NeighbourIndex index = open(CHECKPOINT)) {
            assertEquals(2, progress.builds);
            assertTrue(progress.lines.stream().anyMatch(l -> l.contains(file.toString()) && l.contains("truncated")
                    && l.contains("building it again")), progress.lines.toString());
            assertEquals(0, index.search(index.image(0), 1).pixels().get(0).index());
        }
        assertEquals(good.length, Files.size(file), "rebuilt whole");

        byte[] flipped = good.clone();
        flipped[good.length - 100] ^= 0x10;
        Files.write(file, flipped);
        try (NeighbourIndex index = open(CHECKPOINT)) {
            assertEquals(3, progress.builds);
            assertTrue(progress.lines.stream().anyMatch(l -> l.contains("checksum")), progress.lines.toString());
        }
        try (NeighbourIndex index = open(CHECKPOINT)) {
            assertEquals(3, progress.builds, "the rebuilt file is read again");
        }
    }

    @Test
    void cancellingTheBuildCachesNothing() throws Exception {
        int[] polls = {0};
        assertThrows(CancellationException.class, () -> NeighbourIndex.open(CHECKPOINT, FACES, 1,
                tmp.resolve("cache"), progress, () -> ++polls[0] > 2));
        assertEquals(128, progress.lastDone, "two batches of 64 were done before the cancel");
        try (var files = Files.list(tmp.resolve("cache").resolve("neighbours"))) {
            assertEquals(0, files.count());
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing was created at all, which is as good
        }
    }
}
