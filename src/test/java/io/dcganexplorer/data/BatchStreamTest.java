package io.dcganexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchStreamTest {
    /** Image i is filled with the value i / 1000, so a batch tells which images it holds. */
    static final class Numbered implements ImageDataset {
        private final int size;

        Numbered(int size) {
            this.size = size;
        }

        @Override
        public String description() {
            return "numbered (" + size + ")";
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int imageSize() {
            return 8;
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public void read(int index, float[] dst, int offset) {
            Arrays.fill(dst, offset, offset + 64, index / 1000f);
        }
    }

    @Test
    void resumedStreamDeliversTheSameBatches() throws Exception {
        Numbered ds = new Numbered(50);
        float[][] fromStart = new float[4][];
        try (BatchStream s = new BatchStream(ds, 8, 99, 0, 0, 2)) {
            assertEquals(6, s.batchesPerEpoch());
            // skip to epoch 1, batch 2, then keep four batches (crossing into epoch 2)
            for (int k = 0; k < 6 + 2; k++) {
                s.next();
            }
            for (int k = 0; k < 4; k++) {
                fromStart[k] = s.next().pixels();
            }
        }
        try (BatchStream s = new BatchStream(ds, 8, 99, 1, 2, 2)) {
            for (int k = 0; k < 4; k++) {
                BatchStream.Batch b = s.next();
                assertEquals(k + 2 < 6 ? 1 : 2, b.epoch());
                assertEquals((k + 2) % 6, b.indexInEpoch());
                assertArrayEquals(fromStart[k], b.pixels(), "batch " + k);
            }
        }
    }

    @Test
    void epochsUseDifferentPermutations() {
        int[] e0 = BatchStream.permutation(100, 5, 0);
        int[] e1 = BatchStream.permutation(100, 5, 1);
        assertFalse(Arrays.equals(e0, e1));
        assertArrayEquals(e0, BatchStream.permutation(100, 5, 0));
        int[] sorted = e1.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void datasetSmallerThanABatchIsRefused() {
        assertThrows(DatasetException.class, () -> new BatchStream(new Numbered(5), 8, 1, 0, 0, 1));
    }
}
