package io.dcganexplorer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Param;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of the generator's weights, kept beside the generator that trains
 * (Yazici et al., "The Unusual Effectiveness of Averaging in GAN Training", ICLR 2019; the "EMA
 * generator" of ProGAN, StyleGAN and BigGAN). A DCGAN's generator circles around a solution from
 * one step to the next, so that what it draws (and where in z it draws it) can change a lot between
 * checkpoints 250 steps apart; the average moves slowly. It takes no part in training: D never sees
 * it and nothing is trained from it, so the trained G, D and their losses are exactly those of a run
 * without it.
 *
 * <p>After each applied update of G, every trainable tensor becomes {@code b * avg + (1 - b) * w} with
 * {@code b = min(decay, (1 + t) / (10 + t))} at G's update count t (a warm-up, so that the first
 * steps do not keep the random initial weights for thousands of steps). The BatchNorm running
 * statistics are not averaged (those of other weights would not fit the average): {@link #prepare}
 * re-estimates them by rendering {@link #REESTIMATION_SAMPLES} z of a fixed seed in training mode,
 * before the averaged generator is saved or renders the fixed-noise grid. Created, used and closed on
 * the training thread.
 */
public final class GeneratorEma implements AutoCloseable {
    /** Prefix of the averaged generator's tensors in a checkpoint. */
    public static final String PREFIX = "Gema";
    /** z rendered (in batches of the run's batch size) to re-estimate BatchNorm statistics. */
    static final int REESTIMATION_SAMPLES = 512;

    private final NDManager manager;
    private final Generator average;
    private final double decay;
    private final long seed;

    /** A new average that starts at {@code g}'s current weights. */
    GeneratorEma(Generator g, double decay, long seed, NDManager parent) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in (0, 1), got " + decay);
        }
        this.manager = parent.newSubManager();
        this.decay = decay;
        this.seed = seed;
        this.average = new Generator(g.config(), manager);
        average.recordParameterGradients(false);
        copy(g, average);
    }

    /** The decay after {@code updates} updates of G: the warm-up, then {@code decay}. */
    static double decayAt(double decay, long updates) {
        return Math.min(decay, (1.0 + updates) / (10.0 + updates));
    }

    /** Moves the average toward {@code g}'s weights after G's {@code updates}-th update. */
    void update(Generator g, long updates, NDManager scope) {
        float b = (float) decayAt(decay, updates);
        List<Param> src = g.parameters();
        List<Param> dst = average.parameters();
        for (int i = 0; i < src.size(); i++) {
            if (src.get(i).trainable()) {
                NDArray w = src.get(i).array();
                NDArray step = Ops.own(scope, w.mul(1f - b));
                dst.get(i).array().muli(b).addi(step);
            }
        }
    }

    /** Re-estimates the average's BatchNorm statistics; do this before saving or rendering it. */
    void prepare(int batch) {
        CheckpointAverage.reestimateBatchNorm(average, REESTIMATION_SAMPLES, Math.max(2, batch), seed, manager,
                CheckpointAverage.Progress.NONE);
    }

    /** The averaged generator (its BatchNorm statistics are current only after {@link #prepare}). */
    Generator generator() {
        return average;
    }

    /** Every tensor of the average, under {@link #PREFIX}. */
    List<Tensor> tensors() {
        return Checkpoint.tensorsOf(PREFIX, average);
    }

    /** Restores the average from a checkpoint's tensors, or starts it at {@code g} if it has none. */
    void load(Map<String, Tensor> tensors, Generator g, Path dir) throws IOException {
        if (hasAverage(tensors)) {
            Checkpoint.load(PREFIX, average, tensors, dir);
        } else {
            copy(g, average);
        }
    }

    /** True when a checkpoint's tensors hold an averaged generator. */
    public static boolean hasAverage(Map<String, Tensor> tensors) {
        return tensors.keySet().stream().anyMatch(n -> n.startsWith(PREFIX + "/"));
    }

    private static void copy(Generator from, Generator to) {
        List<Param> src = from.parameters();
        List<Param> dst = to.parameters();
        for (int i = 0; i < src.size(); i++) {
            Ops.assign(dst.get(i).array(), src.get(i).array().toFloatArray());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
