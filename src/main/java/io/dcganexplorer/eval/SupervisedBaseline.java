package io.dcganexplorer.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Network;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Param;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The purely supervised baseline of paper section 5.2: the discriminator's architecture (same
 * conv stages, BatchNorm and LeakyReLU) with its one-logit output replaced by a linear head to
 * the classes (a 4x4 valid convolution over the last 4x4 map, plus a bias), trained from scratch
 * on the labelled images only: Adam, softmax cross-entropy, no augmentation. Every
 * {@code minStepsPerEvaluation} steps (and at least one pass over the fit images) BatchNorm
 * statistics are re-estimated on the fit images ({@link BatchNormReestimation}) and the
 * validation split's mean cross-entropy measured (a continuous criterion: with 20 validation
 * images the error moves in 5% jumps); training stops after {@code patience} evaluations without
 * a lower validation loss (or at the step budget), and the parameters of the evaluation with the
 * lowest validation loss are the ones tested. Its validation error is what is reported.
 */
final class SupervisedBaseline {
    private SupervisedBaseline() {}

    /** Hyper-parameters. */
    record Settings(int batchSize, int maxSteps, int minStepsPerEvaluation, int patience, double learningRate) {}

    /** What training gave. */
    record Outcome(double validationError, long bestStep, long steps) {}

    /** The linear head: classes x C x 4 x 4 weights and a bias, paper init (N(0, 0.02), bias 0). */
    static final class Head extends Network {
        final NDArray weight;
        final NDArray bias;

        Head(DcganConfig config, int classes, NDManager parent) {
            super(config, parent);
            long in = (long) config.discriminatorFeatures() << (config.stages() - 1);
            weight = weight("head.weight", classes, in, 4, 4);
            bias = weight("head.bias", classes);
        }
    }

    /** A trained classifier; predicts in inference mode. Close it. */
    static final class Classifier implements AutoCloseable {
        final NDManager root;
        final Discriminator d;
        final Head head;
        final int classes;

        Classifier(DcganConfig cfg, int classes, long seed) {
            root = Engines.get().newBaseManager();
            d = new Discriminator(cfg, root);
            head = new Head(cfg, classes, root);
            this.classes = classes;
            d.initialize(Rng.forPurpose(seed, "supervised-discriminator"));
            head.initialize(Rng.forPurpose(seed, "supervised-head"));
        }

        /** (N, classes) logits; the network's outputs besides in {@code all} when not null. */
        NDArray logits(NDArray x, boolean training, NDList[] all) {
            NDList f = d.features(x, training);
            if (all != null) {
                all[0] = f;
            }
            NDArray last = f.get(d.config().stages() - 1);
            long n = x.getShape().get(0);
            return Ops.conv2d(last, head.weight, 1, 0).reshape(n, classes).add(head.bias);
        }

        /** Error and mean cross-entropy on the images {@code idx}, in inference mode. */
        double[] evaluate(ImageDataset data, int[] idx, int[] labels, int batch) {
            DcganConfig cfg = d.config();
            int wrong = 0;
            double loss = 0;
            for (int start = 0; start < idx.length; start += batch) {
                int b = Math.min(batch, idx.length - start);
                try (NDManager m = root.newSubManager()) {
                    NDArray x = Ops.images(m, ProbeData.read(data, idx, start, b), b, cfg.channels(),
                            cfg.imageSize());
                    float[] logp = logits(x, false, null).logSoftmax(1).toFloatArray();
                    for (int r = 0; r < b; r++) {
                        int y = labels[idx[start + r]];
                        int arg = 0;
                        for (int k = 1; k < classes; k++) {
                            if (logp[r * classes + k] > logp[r * classes + arg]) {
                                arg = k;
                            }
                        }
                        wrong += arg == y ? 0 : 1;
                        loss -= logp[r * classes + y];
                    }
                }
            }
            return new double[] {(double) wrong / idx.length, loss / idx.length};
        }

        double error(ImageDataset data, int[] idx, int[] labels, int batch) {
            return evaluate(data, idx, labels, batch)[0];
        }

        List<float[]> snapshot() {
            List<float[]> s = new ArrayList<>();
            for (Network net : new Network[] {d, head}) {
                for (Param p : net.parameters()) {
                    s.add(p.array().toFloatArray());
                }
            }
            return s;
        }

        void restore(List<float[]> s) {
            int i = 0;
            for (Network net : new Network[] {d, head}) {
                for (Param p : net.parameters()) {
                    Ops.assign(p.array(), s.get(i++));
                }
            }
        }

        @Override
        public void close() {
            root.close();
        }
    }

    /**
     * Trains a classifier on {@code fit}, early-stopped on {@code validation}; returns it holding
     * the best evaluation's parameters (the caller closes it), the outcome in {@code outcome[0]}.
     */
    static Classifier train(DcganConfig cfg, ImageDataset data, int[] labels, int classes, int[] fit,
            int[] validation, Settings s, long seed, ProgressSink progress, Outcome[] outcome) {
        Engines.disableGradOnThisThread();
        Engine engine = Engines.get();
        Classifier c = new Classifier(cfg, classes, seed);
        try {
            Adam adamD = new Adam(c.d, s.learningRate(), 0.9, 0.999, c.root);
            Adam adamH = new Adam(c.head, s.learningRate(), 0.9, 0.999, c.root);
            int batch = Math.min(s.batchSize(), fit.length);
            int perEpoch = (fit.length + batch - 1) / batch;
            int evalEvery = Math.max(perEpoch, s.minStepsPerEvaluation());
            Rng rng = Rng.forPurpose(seed, "supervised-batches");
            int[] order = fit.clone();
            int pos = order.length;
            double best = Double.POSITIVE_INFINITY; // validation cross-entropy
            double bestError = Double.NaN;
            long bestStep = 0;
            List<float[]> bestParams = null;
            int sinceBest = 0;
            long step = 0;
            int[] bi = new int[batch];
            while (step < s.maxSteps()) {
                if (progress.cancelled()) {
                    throw new CancellationException("cancelled");
                }
                for (int r = 0; r < batch; r++) {
                    if (pos == order.length) {
                        ProbeData.shuffle(order, rng);
                        pos = 0;
                    }
                    bi[r] = order[pos++];
                }
                try (NDManager m = c.root.newSubManager()) {
                    NDArray x = Ops.images(m, ProbeData.read(data, bi, 0, batch), batch, cfg.channels(),
                            cfg.imageSize());
                    float[] oneHot = new float[batch * classes];
                    for (int r = 0; r < batch; r++) {
                        oneHot[r * classes + labels[bi[r]]] = 1f;
                    }
                    NDArray y = m.create(oneHot, new Shape(batch, classes));
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDList[] all = new NDList[1];
                        NDArray logits = c.logits(x, true, all);
                        NDArray ce = logits.logSoftmax(1).mul(y).sum(new int[] {1}).neg().mean();
                        // D's own logit is not part of the loss; a zero term gives its weight a
                        // (zero) gradient, which the optimiser expects of every parameter
                        NDArray unused = all[0].get(cfg.stages()).sum().mul(0f);
                        gc.backward(ce.add(unused));
                    }
                    adamD.step(m);
                    adamH.step(m);
                }
                step++;
                if (step % evalEvery == 0 || step == s.maxSteps()) {
                    reestimate(c, data, fit, batch);
                    double[] ev = c.evaluate(data, validation, labels, 256);
                    if (ev[1] < best) {
                        best = ev[1];
                        bestError = ev[0];
                        bestStep = step;
                        bestParams = c.snapshot();
                        sinceBest = 0;
                    } else if (++sinceBest >= s.patience()) {
                        break;
                    }
                }
                progress.step(step, s.maxSteps());
            }
            if (bestParams != null) {
                c.restore(bestParams);
            }
            outcome[0] = new Outcome(bestError, bestStep, step);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** BatchNorm statistics of the current weights over (up to 2048 of) the fit images. */
    private static void reestimate(Classifier c, ImageDataset data, int[] fit, int batch) {
        int[] use = fit.length > 2048 ? java.util.Arrays.copyOf(fit, 2048) : fit;
        BatchNormReestimation.reestimate(c.d, new BatchNormReestimation.Images() {
            @Override
            public int count() {
                return use.length;
            }

            @Override
            public float[] read(int from, int n) {
                return ProbeData.read(data, use, from, n);
            }
        }, Math.max(batch, 64), c.root, BatchNormReestimation.Progress.NONE);
    }

    /** Where training reports its steps; polled for cancellation. */
    interface ProgressSink {
        void step(long step, long maxSteps);

        boolean cancelled();
    }

}
