package io.dcganexplorer.eval;

/**
 * Something that turns images into feature rows a linear probe can be fitted on: the
 * discriminator's pooled stages ({@link DiscriminatorFeatures}) or the penultimate layer of the
 * classifier the project trains on real pixels ({@link FeatureClassifier}, via {@link Scorer#features()}).
 */
public interface ImageFeatures {
    /**
     * @param images N x C x S x S in [-1, 1]
     * @return N feature rows of equal length
     */
    float[][] extract(float[] images, int n);
}
