package io.dcganexplorer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.model.ChannelMoments;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Param;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * A generator whose weights are the mean of several checkpoints' generators (Yazici et al., "The
 * Unusual Effectiveness of Averaging in GAN Training", 2019): a GAN's generator circles around
 * a good solution from one checkpoint to the next, and the mean of late checkpoints sits nearer
 * it than any one of them.
 *
 * <p>Exactly: every trainable generator tensor (convolution weights, BatchNorm gamma and beta)
 * becomes the arithmetic mean over the checkpoints. The BatchNorm running statistics are not
 * averaged (statistics of other weights would not fit the mean weights): they are re-estimated
 * by rendering {@code samples} z from the prior in training mode and pooling each BatchNorm
 * input's exact per-channel mean and variance ({@link ChannelMoments}). The discriminator and the
 * fixed noise are the newest checkpoint's. The result is written as a checkpoint folder (G, D,
 * fixed noise; no optimiser state, so it renders and scores, but does not resume), with
 * {@code averaged_from} in its provenance. The inputs are only read.
 */
public final class CheckpointAverage {
    /** The provenance key naming the averaged checkpoints. */
    public static final String AVERAGED_FROM = "averaged_from";

    private CheckpointAverage() {}

    /** Told of progress; polled for cancellation. */
    public interface Progress {
        Progress NONE = new Progress() {};

        /** {@code done} of {@code total} units of work (checkpoints read, then batches rendered). */
        default void done(String phase, int done, int total) {}

        default boolean cancelled() {
            return false;
        }
    }

    /** What was written. */
    public record Result(Path folder, List<Long> steps, long samples) {}

    /**
     * Averages {@code inputs} into the new folder {@code out}.
     *
     * @param samples z rendered to re-estimate BatchNorm statistics
     * @param batch z per training-mode pass (the run's batch size is the natural choice)
     * @param seed seed of those z
     * @throws IOException naming the checkpoint that is missing, damaged or of another architecture,
     *     or when {@code out} already exists (nothing is overwritten)
     */
    public static Result average(List<Path> inputs, Path out, int samples, int batch, long seed, NDManager parent,
            Progress progress) throws IOException {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("averaging needs at least 2 checkpoints, got " + inputs.size());
        }
        if (samples < 2 || batch < 2) {
            throw new IllegalArgumentException("need at least 2 samples and a batch of at least 2");
        }
        if (Files.exists(out)) {
            throw new IOException(out + " already exists: give a new folder (nothing was written)");
        }
        List<Map.Entry<Path, Checkpoint.Meta>> metas = new ArrayList<>();
        for (Path p : inputs) {
            metas.add(Map.entry(p, Checkpoint.readMeta(p)));
        }
        metas.sort(Comparator.comparingLong(e -> e.getValue().step()));
        Checkpoint.Meta first = metas.get(0).getValue();
        for (int i = 0; i < metas.size(); i++) {
            Map.Entry<Path, Checkpoint.Meta> e = metas.get(i);
            Checkpoint.checkArchitecture(e.getKey(), e.getValue(), first.config());
            if (i > 0 && e.getValue().step() == metas.get(i - 1).getValue().step()) {
                throw new IOException(e.getKey() + " and " + metas.get(i - 1).getKey() + " are both step "
                        + e.getValue().step() + ": give each checkpoint once");
            }
        }
        Map.Entry<Path, Checkpoint.Meta> newest = metas.get(metas.size() - 1);
        Engines.disableGradOnThisThread();
        try (NDManager m = parent.newSubManager()) {
            Generator g = new Generator(first.config(), m);
            Map<String, double[]> sums = new LinkedHashMap<>();
            Map<String, Tensor> newestTensors = null;
            int k = 0;
            for (Map.Entry<Path, Checkpoint.Meta> e : metas) {
                if (progress.cancelled()) {
                    throw new CancellationException("cancelled");
                }
                Map<String, Tensor> tensors = Checkpoint.readTensors(e.getKey());
                Checkpoint.load("G", g, tensors, e.getKey()); // checks every name and shape
                for (Param p : g.parameters()) {
                    if (!p.trainable()) {
                        continue;
                    }
                    float[] v = tensors.get("G/" + p.name()).data();
                    double[] s = sums.computeIfAbsent(p.name(), n -> new double[v.length]);
                    for (int i = 0; i < v.length; i++) {
                        s[i] += v[i];
                    }
                }
                if (e == newest) {
                    newestTensors = tensors;
                }
                progress.done("reading checkpoints", ++k, metas.size());
            }
            for (Param p : g.parameters()) {
                if (p.trainable()) {
                    double[] s = sums.get(p.name());
                    float[] mean = new float[s.length];
                    for (int i = 0; i < s.length; i++) {
                        mean[i] = (float) (s[i] / metas.size());
                    }
                    Ops.assign(p.array(), mean);
                }
            }
            reestimateBatchNorm(g, samples, batch, seed, m, progress);

            List<Tensor> tensors = new ArrayList<>(Checkpoint.tensorsOf("G", g));
            for (Tensor t : newestTensors.values()) {
                if (t.name().startsWith("D/") || t.name().equals("fixed_noise")) {
                    tensors.add(t);
                }
            }
            List<Long> steps = metas.stream().map(e -> e.getValue().step()).toList();
            Map<String, String> provenance = new LinkedHashMap<>();
            if (newest.getValue().provenance() != null) {
                provenance.putAll(newest.getValue().provenance());
            }
            provenance.put(AVERAGED_FROM, describe(metas.stream().map(Map.Entry::getKey).toList(), steps)
                    + "; BatchNorm statistics re-estimated on " + samples + " z (seed " + seed + ")");
            provenance.put("created", java.time.Instant.now().toString());
            Checkpoint.Meta nm = newest.getValue();
            Checkpoint.Meta meta = new Checkpoint.Meta(nm.format(), nm.step(), nm.epoch(), nm.nextBatch(),
                    nm.noiseRngState(), nm.adamStepsG(), nm.adamStepsD(), nm.wallSeconds(), nm.config(), provenance);
            Checkpoint.writeFolder(out, meta, tensors);
            return new Result(out, steps, samples);
        }
    }

    /** True when {@code meta} is of an averaged generator. */
    public static boolean isAveraged(Checkpoint.Meta meta) {
        return meta.provenance() != null && meta.provenance().containsKey(AVERAGED_FROM);
    }

    private static String describe(List<Path> folders, List<Long> steps) {
        StringBuilder sb = new StringBuilder("mean of the generators of ").append(steps.size())
                .append(" checkpoints, steps ");
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(steps.get(i));
        }
        sb.append(" (").append(folders.get(0).toAbsolutePath().getParent()).append(")");
        return sb.toString();
    }

    /**
     * Replaces the running statistics of every BatchNorm layer of {@code g} by the pooled statistics
     * of its inputs over {@code samples} z (from the run's prior, seeded), rendered in training mode.
     * On failure or cancellation the statistics are put back as they were.
     */
    public static void reestimateBatchNorm(Generator g, int samples, int batch, long seed, NDManager parent,
            Progress progress) {
        var cfg = g.config();
        int layers = g.batchNormLayers();
        Map<String, NDArray> byName = new LinkedHashMap<>();
        for (Param p : g.parameters()) {
            byName.put(p.name(), p.array());
        }
        float[][] before = new float[layers * 2][];
        for (int i = 0; i < layers; i++) {
            before[2 * i] = byName.get("g." + i + ".bn.running_mean").toFloatArray();
            before[2 * i + 1] = byName.get("g." + i + ".bn.running_var").toFloatArray();
        }
        ChannelMoments[] moments = new ChannelMoments[layers];
        for (int i = 0; i < layers; i++) {
            moments[i] = new ChannelMoments();
        }
        Rng rng = Rng.forPurpose(seed, "bn-reestimation");
        int batches = (samples + batch - 1) / batch;
        try {
            for (int b = 0, start = 0; start < samples; b++, start += batch) {
                if (progress.cancelled()) {
                    throw new CancellationException("cancelled");
                }
                int n = Math.min(batch, samples - start);
                if (n < 2) {
                    break; // a batch of one has no spread for training-mode BatchNorm
                }
                float[] z = rng.latent(n, cfg.latentDim(), cfg.prior());
                try (NDManager scope = parent.newSubManager()) {
                    g.forwardTapped(scope.create(z, new Shape(n, cfg.latentDim())), scope,
                            (x, stage) -> moments[stage].add(x));
                }
                progress.done("re-estimating BatchNorm", b + 1, batches);
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < layers; i++) {
                Ops.assign(byName.get("g." + i + ".bn.running_mean"), before[2 * i]);
                Ops.assign(byName.get("g." + i + ".bn.running_var"), before[2 * i + 1]);
            }
            throw e;
        }
        for (int i = 0; i < layers; i++) {
            Ops.assign(byName.get("g." + i + ".bn.running_mean"), moments[i].mean());
            Ops.assign(byName.get("g." + i + ".bn.running_var"), moments[i].unbiasedVariance());
        }
    }
}
