package io.dcganexplorer.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dcganexplorer.data.AttributeTable;
import io.dcganexplorer.eval.AttributeExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing exemplars and attribute directions from a scored pool (no generator needed). */
class AutoExemplarsTest {
    private static final AttributeTable TABLE = new AttributeTable(List.of("Smiling", "Male"), new byte[0]);

    /** Sample i has z = (i, -i), the given P(Smiling), P(Male), and realness {@code real[i]}. */
    private static AutoExemplars.Pool pool(double[][] p, float[] real) {
        List<float[]> zs = new ArrayList<>();
        List<Map<String, Double>> scores = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            zs.add(new float[] {i, -i});
            scores.add(Map.of("Smiling", p[i][0], "Male", p[i][1]));
        }
        return new AutoExemplars.Pool(zs, scores, real);
    }

    /** The given samples, all looking real, followed by as many fakes (realness -1, scores 0.5). */
    private static AutoExemplars.Pool pool(double[][] p) {
        double[][] all = new double[2 * p.length][];
        float[] real = new float[2 * p.length];
        for (int i = 0; i < p.length; i++) {
            all[i] = p[i];
            all[p.length + i] = new double[] {0.5, 0.5};
            real[p.length + i] = -1;
        }
        return pool(all, real);
    }

    @Test
    void eachGroupTakesTheMostLikelySamplesForItsExpressionAndNoSampleTwice() {
        AutoExemplars.Pool pool = pool(new double[][] {
            {0.9, 0.1}, // 0 smiling woman
            {0.2, 0.1}, // 1 neutral woman
            {0.1, 0.9}, // 2 neutral man
            {0.95, 0.05}, // 3 smiling woman, the likeliest
            {0.6, 0.4}, // 4 weakly smiling woman
            {0.3, 0.8}, // 5 neutral man
        });
        List<AttributeExpression> exprs = List.of(AttributeExpression.parse("smiling&!male", TABLE),
                AttributeExpression.parse("smiling&!male", TABLE), AttributeExpression.parse("!smiling&male", TABLE));
        List<List<float[]>> g = AutoExemplars.choose(pool, exprs, 2);
        assertEquals(List.of(3f, 0f), g.get(0).stream().map(z -> z[0]).toList());
        assertEquals(List.of(4f, 1f), g.get(1).stream().map(z -> z[0]).toList(),
                "the same expression again gets the next best, not the same samples");
        assertEquals(List.of(2f, 5f), g.get(2).stream().map(z -> z[0]).toList());
        assertThrows(IllegalArgumentException.class, () -> AutoExemplars.choose(pool, exprs, 3));
    }

    @Test
    void typicalMembersHoldTheExpressionComeInDrawOrderAndSkipTheChosenExemplars() {
        AutoExemplars.Pool pool = pool(new double[][] {
            {0.1, 0.6}, // 0 neutral man, weakly
            {0.9, 0.9}, // 1 smiling man
            {0.2, 0.99}, // 2 neutral man, the likeliest
            {0.4, 0.2}, // 3 neutral woman
            {0.3, 0.8}, // 4 neutral man
            {0.05, 0.7}, // 5 neutral man
        }, new float[6]);
        AttributeExpression man = AttributeExpression.parse("!smiling&male", TABLE);
        List<List<float[]>> chosen = List.of(List.of(new float[] {3, -3}), List.of(), List.of(new float[] {2, -2}));
        // in pool order, not by likelihood; sample 2 was chosen as an exemplar, 1 and 3 do not hold
        assertEquals(List.of(0f, 4f, 5f),
                AutoExemplars.typical(pool, man, chosen, 10).stream().map(z -> z[0]).toList());
        assertEquals(List.of(0f, 4f), AutoExemplars.typical(pool, man, chosen, 2).stream().map(z -> z[0]).toList());
        assertEquals(List.of(),
                AutoExemplars.typical(pool, AttributeExpression.parse("smiling&!male", TABLE), chosen, 10));
    }

    @Test
    void anAttributeDirectionIsTheMeanOfTheLikeliestMinusTheLeastLikelyFraction() {
        double[][] p = new double[8][];
        for (int i = 0; i < 8; i++) {
            p[i] = new double[] {i / 10.0, 1 - i / 10.0}; // Smiling grows with i, Male falls
        }
        Map<String, float[]> d = AutoExemplars.directions(pool(p, new float[8]), 0.25);
        // Smiling: top quarter is samples 7 and 6 (mean z 6.5), bottom quarter 0 and 1 (mean 0.5).
        assertArrayEquals(new float[] {6, -6}, d.get("Smiling"), 1e-6f);
        assertArrayEquals(new float[] {-6, 6}, d.get("Male"), 1e-6f);
    }

    @Test
    void aPoolMustHoldEveryGroupInItsMoreRealHalf() {
        AutoExemplars.checkPool(11, 3, 2); // ceil(11 / 2) = 6 = 3 x 2
        var e = assertThrows(IllegalArgumentException.class, () -> AutoExemplars.checkPool(10, 3, 2));
        assertEquals("a pool of 10 cannot fill 3 groups of 2 from its more real half: score at least 11 samples",
                e.getMessage());
    }

    @Test
    void exemplarsComeOnlyFromTheHalfOfThePoolTheDiscriminatorFindsMostReal() {
        AutoExemplars.Pool pool = pool(new double[][] {
            {0.99, 0.01}, // 0 the likeliest smiling woman, but the discriminator finds it fake
            {0.9, 0.1}, // 1
            {0.8, 0.2}, // 2
            {0.1, 0.9}, // 3
        }, new float[] {-5, 2, 1, 0});
        List<List<float[]>> g = AutoExemplars.choose(pool,
                List.of(AttributeExpression.parse("smiling&!male", TABLE)), 2);
        assertEquals(List.of(1f, 2f), g.get(0).stream().map(z -> z[0]).toList());
        assertThrows(IllegalArgumentException.class, () -> AutoExemplars.choose(pool,
                List.of(AttributeExpression.parse("smiling", TABLE)), 3), "only 2 samples are in the real half");
    }

    @Test
    void calledRatesCountScoresAtOrAboveOneHalf() {
        var rates = AutoExemplars.calledRates(pool(new double[][] {{0.9, 0.1}, {0.5, 0.49}, {0.2, 0.8}, {0.7, 0.3}},
                new float[4]));
        assertEquals(0.75, rates.get("Smiling"), 1e-12);
        assertEquals(0.25, rates.get("Male"), 1e-12);
    }
}
