package io.dcganexplorer.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.model.Rng;
import io.dcganexplorer.model.ZPrior;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupMeanTest {
    private static List<float[]> draws(Rng rng, int k, ZPrior prior) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(rng.latent(1, 100, prior));
        }
        return out;
    }

    @Test
    void plainIsTheElementWiseMeanAndRescaledKeepsItsDirectionAtTheMembersNorm() {
        List<float[]> g = draws(new Rng(3), 3, ZPrior.NORMAL);
        assertArrayEquals(Latent.mean(g), GroupMean.PLAIN.of(g), 0f);
        float[] r = GroupMean.RESCALED.of(g);
        float[] m = Latent.mean(g);
        double members = (Latent.norm(g.get(0)) + Latent.norm(g.get(1)) + Latent.norm(g.get(2))) / 3;
        assertEquals(members, Latent.norm(r), 1e-4 * members);
        assertEquals(1.0, Latent.dot(r, m) / (Latent.norm(r) * Latent.norm(m)), 1e-6, "same direction");
        // one member: both are that member
        assertArrayEquals(g.get(0), GroupMean.PLAIN.of(g.subList(0, 1)), 0f);
        assertArrayEquals(g.get(0), GroupMean.RESCALED.of(g.subList(0, 1)), 1e-5f);
        // opposite members: no direction, the zero mean stays
        float[] neg = Latent.add(new float[100], g.get(0), -1f);
        assertArrayEquals(new float[100], GroupMean.RESCALED.of(List.of(g.get(0), neg)), 0f);
    }

    @Test
    void rescaledMeansGiveTheAveragedYTheNormOfASingleExemplarsSum() {
        // Three groups of three prior draws: plain means give Y about sqrt(3) times shorter than
        // a single exemplar's a - b + c; rescaled means give it the same length, for both priors.
        for (ZPrior prior : ZPrior.values()) {
            Rng rng = new Rng(11);
            double plain = 0;
            double rescaled = 0;
            double single = 0;
            int rounds = 200;
            for (int i = 0; i < rounds; i++) {
                List<float[]> a = draws(rng, 3, prior);
                List<float[]> b = draws(rng, 3, prior);
                List<float[]> c = draws(rng, 3, prior);
                plain += Latent.norm(GroupMean.PLAIN.arithmetic(a, b, c)) / rounds;
                rescaled += Latent.norm(GroupMean.RESCALED.arithmetic(a, b, c)) / rounds;
                single += Latent.norm(Latent.arithmetic(a.get(0), b.get(0), c.get(0))) / rounds;
            }
            assertEquals(Math.sqrt(3), single / plain, 0.05, prior + ": plain averaged Y is shorter by sqrt(3)");
            assertEquals(1.0, rescaled / single, 0.03, prior + ": rescaled averaged Y as long as a single one");
        }
    }

    @Test
    void directionIsTheDifferenceOfTheTwoGroupsVectors() {
        Rng rng = new Rng(8);
        List<float[]> p = draws(rng, 3, ZPrior.NORMAL);
        List<float[]> q = draws(rng, 3, ZPrior.NORMAL);
        for (GroupMean m : GroupMean.values()) {
            float[] d = m.direction(p, q);
            float[] pv = m.of(p);
            float[] qv = m.of(q);
            for (int i = 0; i < d.length; i++) {
                assertEquals(pv[i] - qv[i], d[i], 1e-6, m + " element " + i);
            }
        }
        assertArrayEquals(Latent.direction(p, q), GroupMean.PLAIN.direction(p, q), 0f);
        assertTrue(Latent.norm(GroupMean.RESCALED.direction(p, q))
                > 1.4 * Latent.norm(GroupMean.PLAIN.direction(p, q)));
    }
}
