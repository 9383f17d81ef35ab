package io.dcganexplorer.train;

/**
 * How to train, as opposed to what to build ({@link io.dcganexplorer.model.DcganConfig}).
 * Defaults are the paper's: Adam 2e-4, beta1 0.5, batch 128.
 *
 * @param dataset dataset spec, e.g. {@code faces}, {@code mnist:/path}, {@code folder:/path}
 * @param batchSize images per step
 * @param learningRate Adam step size for both networks
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param seed seeds weights, data order, z and the fixed noise
 * @param maxSteps stop after this many steps in total (0 = no budget, run until stopped)
 * @param sampleEvery render the fixed-noise grid every this many steps (0 = never)
 * @param checkpointEvery write a checkpoint every this many steps (0 = only at the end)
 * @param sampleCount images in the fixed-noise grid
 * @param labelSmoothing one-sided label smoothing: D's target for real images is {@code 1 - labelSmoothing}
 *     (fakes stay 0; Salimans et al. 2016). 0 is the paper's recipe, and what a config.json written
 *     before this option existed reads as.
 * @param generatorEma decay of an exponential moving average of G's weights kept beside G (0 = none,
 *     the paper's recipe and what a config.json written before this option existed reads as); when
 *     on, checkpoints hold the averaged generator too, and rendering uses it (see {@link GeneratorEma})
 */
public record TrainingOptions(
        String dataset,
        int batchSize,
        double learningRate,
        double beta1,
        double beta2,
        long seed,
        long maxSteps,
        int sampleEvery,
        int checkpointEvery,
        int sampleCount,
        double labelSmoothing,
        double generatorEma) {

    public static final String DEFAULT_DATASET = "faces";

    public TrainingOptions {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("dataset must be named");
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be 1 to 4096, got " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("step budget must be 0 (none) or positive, got " + maxSteps);
        }
        if (sampleEvery < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("intervals must be 0 (off) or positive");
        }
        if (sampleCount < 1 || sampleCount > 256) {
            throw new IllegalArgumentException("sample grid must hold 1 to 256 images, got " + sampleCount);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing <= 0.5)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 0.5] (real target 1 - it), got "
                    + labelSmoothing);
        }
        if (!(generatorEma == 0 || (generatorEma >= 0.9 && generatorEma < 1))) {
            throw new IllegalArgumentException("the generator's moving-average decay must be 0 (off) or in "
                    + "[0.9, 1), got " + generatorEma);
        }
    }

    /** The paper's defaults on the built-in faces, seed 1, no step budget. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(DEFAULT_DATASET, 128, 2e-4, 0.5, 0.999, 1, 0, 100, 500, 64, 0, 0);
    }

    public TrainingOptions withDataset(String d) {
        return new TrainingOptions(d, batchSize, learningRate, beta1, beta2, seed, maxSteps, sampleEvery,
                checkpointEvery, sampleCount, labelSmoothing, generatorEma);
    }

    public TrainingOptions withBatchSize(int b) {
        return new TrainingOptions(dataset, b, learningRate, beta1, beta2, seed, maxSteps, sampleEvery,
                checkpointEvery, sampleCount, labelSmoothing, generatorEma);
    }

    public TrainingOptions withSeed(long s) {
        return new TrainingOptions(dataset, batchSize, learningRate, beta1, beta2, s, maxSteps, sampleEvery,
                checkpointEvery, sampleCount, labelSmoothing, generatorEma);
    }

    public TrainingOptions withMaxSteps(long n) {
        return new TrainingOptions(dataset, batchSize, learningRate, beta1, beta2, seed, n, sampleEvery,
                checkpointEvery, sampleCount, labelSmoothing, generatorEma);
    }

    public TrainingOptions withIntervals(int sample, int checkpoint) {
        return new TrainingOptions(dataset, batchSize, learningRate, beta1, beta2, seed, maxSteps, sample,
                checkpoint, sampleCount, labelSmoothing, generatorEma);
    }

    public TrainingOptions withOptimizer(double lr, double b1) {
        return new TrainingOptions(dataset, batchSize, lr, b1, beta2, seed, maxSteps, sampleEvery,
                checkpointEvery, sampleCount, labelSmoothing, generatorEma);
    }

    public TrainingOptions withSampleCount(int n) {
        return new TrainingOptions(dataset, batchSize, learningRate, beta1, beta2, seed, maxSteps, sampleEvery,
                checkpointEvery, n, labelSmoothing, generatorEma);
    }

    /** The real images' target becomes {@code 1 - eps}. */
    public TrainingOptions withLabelSmoothing(double eps) {
        return new TrainingOptions(dataset, batchSize, learningRate, beta1, beta2, seed, maxSteps, sampleEvery,
                checkpointEvery, sampleCount, eps, generatorEma);
    }

    /** Keeps a moving average of G's weights with this decay (0: none). */
    public TrainingOptions withGeneratorEma(double decay) {
        return new TrainingOptions(dataset, batchSize, learningRate, beta1, beta2, seed, maxSteps, sampleEvery,
                checkpointEvery, sampleCount, labelSmoothing, decay);
    }

    /** The discriminator's target for real images. */
    public float realLabel() {
        return (float) (1 - labelSmoothing);
    }
}
