package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.model.Rng;
import org.junit.jupiter.api.Test;

class LogisticProbeTest {
    @Test
    void learnsALinearRuleAndGeneralisesToHeldOutRows() {
        Rng r = new Rng(3);
        int n = 600;
        int f = 20;
        float[][] x = new float[n][f];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                x[i][j] = r.gaussian() * (j + 1);
            }
            // only features 3 and 7 matter, on very different scales: standardisation must cope
            y[i] = 2 * x[i][3] / 4 - x[i][7] / 8 + 0.2 * r.gaussian() > 0;
        }
        float[][] train = java.util.Arrays.copyOfRange(x, 0, 400);
        boolean[] yTrain = java.util.Arrays.copyOfRange(y, 0, 400);
        LogisticProbe p = LogisticProbe.fit(train, yTrain, 1e-3, 600);
        double acc = p.accuracy(java.util.Arrays.copyOfRange(x, 400, n), java.util.Arrays.copyOfRange(y, 400, n));
        assertTrue(acc > 0.88, "held-out accuracy " + acc);
        double chance = LogisticProbe.fit(train, new boolean[400], 1e-3, 50).accuracy(x, y);
        assertTrue(chance < 0.7, "a probe trained on no signal should not score " + chance);
    }
}
