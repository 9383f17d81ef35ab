package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact pixels' bound, on 64x64 faces where it pools 2x2: what makes the exact search exact. */
class CompactPixelsTest {

    @Test
    void theBoundNeverExceedsTheFullDistanceAndIsClose() throws Exception {
        int n = 40;
        int plane = 3 * 64 * 64;
        float[] faces = new float[n * plane];
        try (ImageDataset data = DatasetSpec.parse("faces-v3:40").open(64, 3, 1)) {
            for (int i = 0; i < n; i++) {
                data.read(i, faces, i * plane);
            }
        }
        CompactPixels cp = new CompactPixels(3, 64);
        assertEquals(3 * 32 * 32, cp.dim());
        byte[] stored = new byte[n * cp.dim()];
        for (int i = 0; i < n; i++) {
            cp.quantised(faces, i * plane, stored, i * cp.dim());
        }
        Random r = new Random(2);
        double worstGap = 0;
        for (int q = 0; q < 10; q++) {
            // a face with noise, as a generated image would be: near to some faces, equal to none
            float[] query = new float[plane];
            int from = r.nextInt(n);
            for (int p = 0; p < plane; p++) {
                query[p] = Math.max(-1, Math.min(1, faces[from * plane + p] + 0.2f * (float) r.nextGaussian()));
            }
            double[] bounds = cp.lowerBounds(cp.pooled(query, 0), stored, n);
            for (int j = 0; j < n; j++) {
                double full = CompactPixels.rms(query, 0, faces, j * plane, plane);
                assertTrue(bounds[j] <= full, "query " + q + ", face " + j + ": bound " + bounds[j] + " > " + full);
                worstGap = Math.max(worstGap, full - bounds[j]);
            }
        }
        // white noise of 0.2 loses three quarters of its power to 2x2 pooling: the bound is loose by about that
        assertTrue(worstGap < 0.2, "worst gap " + worstGap);
    }
}
