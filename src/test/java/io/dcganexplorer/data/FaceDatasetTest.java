package io.dcganexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceDatasetTest {
    private static final int S = 32;

    @Test
    void sameSeedAndIndexGiveSamePixels() {
        FaceDataset a = new FaceDataset(100, S, 3, 42);
        FaceDataset b = new FaceDataset(100, S, 3, 42);
        float[] x = new float[3 * S * S];
        float[] y = new float[3 * S * S];
        for (int i : new int[] {0, 17, 99}) {
            a.read(i, x, 0);
            b.read(i, y, 0);
            assertArrayEquals(x, y);
        }
    }

    @Test
    void differentSeedsDifferAndValuesInRange() {
        float[] x = new float[3 * S * S];
        float[] y = new float[3 * S * S];
        new FaceDataset(10, S, 3, 1).read(3, x, 0);
        new FaceDataset(10, S, 3, 2).read(3, y, 0);
        assertFalse(Arrays.equals(x, y));
        for (float v : x) {
            assertTrue(v >= -1f && v <= 1f, "out of range: " + v);
        }
    }

    @Test
    void attributesAreBalancedWithOneFacingEach() {
        FaceDataset ds = new FaceDataset(1000, S, 1, 7);
        AttributeTable t = ds.attributes().orElseThrow();
        assertEquals(FaceRenderer.ATTRIBUTES, t.names());
        assertEquals(1000, t.size());
        int[] counts = new int[t.names().size()];
        for (int i = 0; i < 1000; i++) {
            int facing = 0;
            for (int c = 0; c < counts.length; c++) {
                if (t.value(i, c) > 0) {
                    counts[c]++;
                }
            }
            for (String f : new String[] {"Facing_Left", "Facing_Front", "Facing_Right"}) {
                facing += t.has(i, f) ? 1 : 0;
            }
            assertEquals(1, facing, "image " + i);
        }
        for (String n : new String[] {"Smiling", "Male", "Eyeglasses"}) {
            int c = counts[t.index(n)];
            assertTrue(c > 430 && c < 570, n + " " + c);
        }
        for (String n : new String[] {"Facing_Left", "Facing_Front", "Facing_Right"}) {
            int c = counts[t.index(n)];
            assertTrue(c > 280 && c < 390, n + " " + c);
        }
    }

    @Test
    void smileIsVisibleInTheMouthRegion() {
        double[] diff = meanDifference("Smiling", 300);
        double mouth = energy(diff, 17, 23, 10, 22);
        double corner = energy(diff, 0, 5, 0, 5);
        assertTrue(mouth > 0.003 && mouth > 10 * corner, "mouth " + mouth + " vs corner " + corner);
    }

    @Test
    void maleIsVisibleBesideTheNeck() {
        double[] diff = meanDifference("Male", 300);
        // long hair falls here for women; men show background
        double beside = (energy(diff, 23, 27, 6, 9) + energy(diff, 23, 27, 23, 26)) / 2;
        double corner = energy(diff, 0, 5, 0, 5);
        assertTrue(beside > 0.02 && beside > 10 * corner, "beside " + beside + " vs corner " + corner);
    }

    @Test
    void glassesAreVisibleAroundTheEyes() {
        double[] diff = meanDifference("Eyeglasses", 300);
        double eyes = energy(diff, 12, 16, 8, 24);
        double corner = energy(diff, 0, 5, 0, 5);
        assertTrue(eyes > 0.01 && eyes > 10 * corner, "eyes " + eyes + " vs corner " + corner);
    }

    /**
     * The smile is the same pixels on a man as on a woman: each man drawn smiling minus neutral,
     * against the same face drawn as a woman (no beard, long hair). In style V1 the beard ran
     * through a man's smile, so the two differed.
     */
    @Test
    void currentStyleDrawsTheSmileAlikeOnWomenAndMen() {
        double v3 = largestSmileGap(FaceRenderer.Style.V3, 60);
        double v2 = largestSmileGap(FaceRenderer.Style.V2, 60);
        double v1 = largestSmileGap(FaceRenderer.Style.V1, 60);
        // V3: below half an 8-bit step of [-1, 1] (Java2D's antialiased beard edge against the hard
        // edge of the clip that keeps the smile off it)
        assertTrue(v3 < 0.004 && v2 < 1e-6 && v1 > 0.1,
                "largest smile difference, man vs woman: V3 " + v3 + ", V2 " + v2 + ", V1 " + v1);
    }

    /** V3's smile (open mouth, teeth, narrowed eyes, blush) changes several times the pixels of V2's crescent. */
    @Test
    void v3SmilesChangeSeveralTimesThePixelsOfV2() {
        double v2 = smileShare(FaceRenderer.Style.V2, 80);
        double v3 = smileShare(FaceRenderer.Style.V3, 80);
        assertTrue(v2 > 0.003 && v3 > 2.5 * v2, "share of pixels a smile changes: V2 " + v2 + ", V3 " + v3);
    }

    /** V3 draws only smiles differently from V2: neutral faces are the same pixels in both except men's beards. */
    @Test
    void v3DiffersFromV2InSmilesAndBeardsOnly() {
        FaceDataset v2 = new FaceDataset(60, S, 3, 5, FaceRenderer.Style.V2);
        FaceDataset v3 = new FaceDataset(60, S, 3, 5, FaceRenderer.Style.V3);
        float[] x = new float[3 * S * S];
        float[] y = new float[3 * S * S];
        int neutralWomen = 0;
        int smiling = 0;
        for (int i = 0; i < 60; i++) {
            v2.read(i, x, 0);
            v3.read(i, y, 0);
            FaceRenderer.Face f = v2.face(i);
            if (f.smiling()) {
                smiling++;
                assertFalse(Arrays.equals(x, y), "smiling face " + i + " drawn the same in both styles");
            } else if (!f.male()) {
                neutralWomen++;
                assertArrayEquals(x, y, "neutral woman " + i);
            }
        }
        assertTrue(neutralWomen > 5 && smiling > 15, neutralWomen + " neutral women, " + smiling + " smiling");
        assertFalse(v2.description().equals(v3.description()), "the classifier cache tells them apart");
    }

    /** Mean share of pixels that a face's smile changes by more than 0.1 (smiling vs neutral, all else equal). */
    private static double smileShare(FaceRenderer.Style style, int n) {
        float[] s = new float[3 * S * S];
        float[] t = new float[3 * S * S];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            FaceRenderer.Face f = FaceRenderer.face(13, i);
            FaceRenderer.render(f.withSmiling(true), style, S, 3, s, 0);
            FaceRenderer.render(f.withSmiling(false), style, S, 3, t, 0);
            int changed = 0;
            for (int p = 0; p < S * S; p++) {
                double m = 0;
                for (int c = 0; c < 3; c++) {
                    m = Math.max(m, Math.abs(s[c * S * S + p] - t[c * S * S + p]));
                }
                changed += m > 0.1 ? 1 : 0;
            }
            sum += changed / (double) (S * S);
        }
        return sum / n;
    }

    @Test
    void stylesDifferOnlyInTheBeard() {
        FaceDataset v1 = new FaceDataset(40, S, 3, 5, FaceRenderer.Style.V1);
        FaceDataset v2 = new FaceDataset(40, S, 3, 5, FaceRenderer.Style.V2);
        assertEquals(v1.attributes().orElseThrow().names(), v2.attributes().orElseThrow().names());
        float[] x = new float[3 * S * S];
        float[] y = new float[3 * S * S];
        int men = 0;
        for (int i = 0; i < 40; i++) {
            v1.read(i, x, 0);
            v2.read(i, y, 0);
            if (v1.face(i).male()) {
                men++;
                assertFalse(Arrays.equals(x, y), "man " + i + " drawn the same in both styles");
            } else {
                assertArrayEquals(x, y, "woman " + i);
            }
        }
        assertTrue(men > 10, "men " + men);
        assertFalse(v1.description().equals(v2.description()));
    }

    /** The largest pixel gap between a man's smile (smiling - neutral) and the same face's as a woman. */
    private static double largestSmileGap(FaceRenderer.Style style, int n) {
        int dim = 3 * S * S;
        float[][] px = new float[4][dim];
        double worst = 0;
        int men = 0;
        for (int i = 0; i < n; i++) {
            FaceRenderer.Face f = FaceRenderer.face(13, i);
            if (!f.male()) {
                continue;
            }
            men++;
            FaceRenderer.Face woman = f.withMale(false);
            FaceRenderer.render(f.withSmiling(true), style, S, 3, px[0], 0);
            FaceRenderer.render(f.withSmiling(false), style, S, 3, px[1], 0);
            FaceRenderer.render(woman.withSmiling(true), style, S, 3, px[2], 0);
            FaceRenderer.render(woman.withSmiling(false), style, S, 3, px[3], 0);
            for (int p = 0; p < dim; p++) {
                worst = Math.max(worst, Math.abs((px[0][p] - px[1][p]) - (px[2][p] - px[3][p])));
            }
        }
        assertTrue(men > 15, "men " + men);
        return worst;
    }

    @Test
    void writesAttributeRange(@TempDir Path dir) throws Exception {
        FaceDataset ds = new FaceDataset(50, S, 1, 3);
        Path f = dir.resolve("list_attr_celeba.txt");
        ds.writeAttributes(f, 10, 20);
        AttributeTable back = AttributeTable.parseCelebA(f);
        assertEquals(10, back.size());
        assertEquals(ds.attributes().orElseThrow().has(15, "Smiling"), back.has(5, "Smiling"));
    }

    /** Mean gray image of faces with the attribute minus the mean of those without. */
    private static double[] meanDifference(String attribute, int n) {
        FaceDataset ds = new FaceDataset(n, S, 1, 11);
        AttributeTable t = ds.attributes().orElseThrow();
        double[] with = new double[S * S];
        double[] without = new double[S * S];
        int nw = 0;
        int nwo = 0;
        float[] px = new float[S * S];
        for (int i = 0; i < n; i++) {
            ds.read(i, px, 0);
            boolean has = t.has(i, attribute);
            double[] acc = has ? with : without;
            for (int p = 0; p < px.length; p++) {
                acc[p] += px[p];
            }
            if (has) {
                nw++;
            } else {
                nwo++;
            }
        }
        double[] d = new double[S * S];
        for (int p = 0; p < d.length; p++) {
            d[p] = with[p] / nw - without[p] / nwo;
        }
        return d;
    }

    /** Mean squared value over rows [y0, y1) and columns [x0, x1). */
    private static double energy(double[] d, int y0, int y1, int x0, int x1) {
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                sum += d[y * S + x] * d[y * S + x];
            }
        }
        return sum / ((y1 - y0) * (x1 - x0));
    }
}
