package io.dcganexplorer.eval;

import io.dcganexplorer.data.AttributeTable;
import io.dcganexplorer.data.DatasetException;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.BatchStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One linear probe per attribute on the discriminator's features, trained on real images that
 * carry attributes (the built-in faces, CelebA); its accuracy on held-out real images says how far
 * its scores of generated images can be trusted.
 */
public final class AttributeClassifier {
    private final Map<String, LogisticProbe> probes;
    private final Map<String, Double> heldOutAccuracy;

    private AttributeClassifier(Map<String, LogisticProbe> probes, Map<String, Double> heldOutAccuracy) {
        this.probes = probes;
        this.heldOutAccuracy = heldOutAccuracy;
    }

    /**
     * @param train images to fit on
     * @param test held-out images to measure accuracy on
     */
    public static AttributeClassifier train(DiscriminatorFeatures features, ImageDataset data, List<String> attributes,
            int train, int test, long seed) throws DatasetException {
        AttributeTable table = data.attributes().orElseThrow(() -> new DatasetException(data.description()
                + " has no attributes: automatic exemplars need data such as the built-in faces or CelebA"));
        int n = Math.min(train + test, data.size());
        int[] order = BatchStream.permutation(data.size(), seed, 0);
        int plane = data.channels() * data.imageSize() * data.imageSize();
        float[] images = new float[n * plane];
        for (int i = 0; i < n; i++) {
            data.read(order[i], images, i * plane);
        }
        float[][] x = features.extract(images, n);
        int nTrain = n - Math.min(test, n / 4);
        float[][] xTrain = java.util.Arrays.copyOfRange(x, 0, nTrain);
        float[][] xTest = java.util.Arrays.copyOfRange(x, nTrain, n);
        Map<String, LogisticProbe> probes = new LinkedHashMap<>();
        Map<String, Double> acc = new LinkedHashMap<>();
        for (String a : attributes) {
            int col = table.index(a);
            boolean[] yTrain = new boolean[nTrain];
            boolean[] yTest = new boolean[n - nTrain];
            for (int i = 0; i < n; i++) {
                boolean v = table.value(order[i], col) > 0;
                if (i < nTrain) {
                    yTrain[i] = v;
                } else {
                    yTest[i - nTrain] = v;
                }
            }
            LogisticProbe p = LogisticProbe.fit(xTrain, yTrain, 1e-3, 150);
            probes.put(a, p);
            acc.put(a, p.accuracy(xTest, yTest));
        }
        return new AttributeClassifier(probes, acc);
    }

    public Map<String, Double> heldOutAccuracy() {
        return heldOutAccuracy;
    }

    /** P(attribute) for each attribute, for one feature row. */
    public Map<String, Double> score(float[] features) {
        Map<String, Double> out = new LinkedHashMap<>();
        probes.forEach((a, p) -> out.put(a, p.probability(features)));
        return out;
    }
}
