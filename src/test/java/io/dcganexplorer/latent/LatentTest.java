package io.dcganexplorer.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.model.Rng;
import io.dcganexplorer.model.ZPrior;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatentTest {
    final Rng rng = new Rng(5);
    final float[] a = rng.latent(1, 100, ZPrior.NORMAL);
    final float[] b = rng.latent(1, 100, ZPrior.NORMAL);

    @Test
    void lerpAndSlerpHitTheirEndpoints() {
        for (Latent.Mode m : Latent.Mode.values()) {
            List<float[]> w = Latent.walk(List.of(a, b), 5, m);
            assertArrayEquals(a, w.get(0), 1e-5f, m + " start");
            assertArrayEquals(b, w.get(4), 1e-5f, m + " end");
        }
        assertArrayEquals(a, Latent.slerp(a, b, 0), 1e-5f);
        assertArrayEquals(b, Latent.slerp(a, b, 1), 1e-5f);
    }

    @Test
    void slerpKeepsTheNormWhereLerpShrinksIt() {
        float[] b2 = Latent.add(new float[100], b, (float) (Latent.norm(a) / Latent.norm(b)));
        double n = Latent.norm(a);
        double mid = Latent.norm(Latent.slerp(a, b2, 0.5f));
        assertEquals(n, mid, 1e-3 * n, "slerp midpoint norm");
        assertTrue(Latent.norm(Latent.lerp(a, b2, 0.5f)) < 0.9 * n, "lerp cuts through the middle");
        // between endpoints of different norms, slerp's norm moves linearly
        float[] c = Latent.add(new float[100], a, 3f);
        assertEquals(2 * Latent.norm(a), Latent.norm(Latent.slerp(a, Latent.slerp(c, b, 0f), 0.5f)), 1e-3);
    }

    @Test
    void slerpOfParallelVectorsFallsBackToLerp() {
        float[] twice = Latent.add(new float[100], a, 2f);
        assertArrayEquals(Latent.lerp(a, twice, 0.3f), Latent.slerp(a, twice, 0.3f), 1e-5f);
    }

    @Test
    void walkThroughNinePointsVisitsEachAndHasTheFramesAsked() {
        List<float[]> pts = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            pts.add(rng.latent(1, 100, ZPrior.UNIFORM));
        }
        List<float[]> w = Latent.walk(pts, 33, Latent.Mode.SPHERICAL);
        assertEquals(33, w.size());
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(pts.get(i), w.get(i * 4), 1e-4f, "point " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> Latent.walk(pts.subList(0, 1), 4, Latent.Mode.LINEAR));
    }

    @Test
    void groupMeanAndArithmetic() {
        float[] m = Latent.mean(List.of(new float[] {1, 2}, new float[] {3, 6}, new float[] {5, 1}));
        assertArrayEquals(new float[] {3, 3}, m, 1e-6f);
        assertArrayEquals(new float[] {2, 7}, Latent.arithmetic(new float[] {1, 2}, new float[] {3, 1},
                new float[] {4, 6}), 1e-6f);
        assertArrayEquals(new float[] {-2, 0}, Latent.direction(List.of(new float[] {1, 2}),
                List.of(new float[] {3, 2})), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Latent.mean(List.of()));
    }

    @Test
    void noiseGridKeepsTheCentreAndStaysWithinTheScale() {
        List<float[]> g = Latent.noiseGrid(a, 0.25f, 3);
        assertEquals(9, g.size());
        assertArrayEquals(a, g.get(4), 0f);
        float maxSeen = 0;
        for (int k = 0; k < 9; k++) {
            for (int i = 0; i < a.length; i++) {
                float d = Math.abs(g.get(k)[i] - a[i]);
                assertTrue(d <= 0.25f + 1e-6f, "cell " + k + " dim " + i + " moved " + d);
                maxSeen = Math.max(maxSeen, d);
            }
        }
        assertTrue(maxSeen > 0.2f, "the noise should use its range, max " + maxSeen);
        assertArrayEquals(g.get(0), Latent.noiseGrid(a, 0.25f, 3).get(0), 0f, "seeded");
    }

    @Test
    void principalDirectionFindsTheAxisOfLargestSpread() {
        List<float[]> s = new ArrayList<>();
        Rng r = new Rng(1);
        for (int i = 0; i < 400; i++) {
            s.add(new float[] {r.gaussian() * 0.1f, r.gaussian() * 3f, r.gaussian() * 0.5f});
        }
        List<float[]> pcs = Latent.principalDirections(s, 2);
        assertEquals(1.0, Math.abs(pcs.get(0)[1]), 0.01);
        assertEquals(1.0, Math.abs(pcs.get(1)[2]), 0.05);
    }
}
