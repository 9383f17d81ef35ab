package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscriminatorFeaturesTest {

    @Test
    void realnessAloneIsTheVerdictTheFeaturePassGives() throws Exception {
        Engines.disableGradOnThisThread();
        try (DiscriminatorFeatures f = DiscriminatorFeatures.open(TinyRun.PATH.resolve("checkpoints/step-000002"))) {
            DcganConfig c = f.config();
            int n = 70; // more than one inference batch
            float[] images = new float[n * c.channels() * c.imageSize() * c.imageSize()];
            Random r = new Random(3);
            for (int i = 0; i < images.length; i++) {
                images[i] = r.nextFloat() * 2 - 1;
            }
            float[] withFeatures = new float[n];
            float[][] rows = f.extract(images, n, withFeatures);
            assertEquals(n, rows.length);
            assertEquals(f.featureCount(), rows[n - 1].length);
            float[] alone = new float[n];
            f.realness(images, n, alone);
            assertArrayEquals(withFeatures, alone, 0f);
            assertTrue(alone[0] != alone[n - 1], "different images should get different verdicts");
        }
    }
}
