package io.dcganexplorer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.data.BatchStream;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Discriminator;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.GanStep;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything native of one training session (G, D, their optimisers, the moving average, the
 * fixed noise and the noise generator) and the counters a checkpoint restores; created, used and
 * closed on the training thread, which is why no other thread may see it.
 */
final class TrainingSession implements AutoCloseable {
    final DcganConfig cfg;
    final TrainingOptions opt;
    final Generator g;
    final Discriminator d;
    final Adam adamG;
    final Adam adamD;
    /** The moving average of G's weights, or null when the run keeps none. */
    final GeneratorEma ema;
    private final RunDirectory run;
    private final Engine engine = Engines.get();
    private final NDManager root;
    private final float[] fixedNoise;
    private final Rng noise;
    private long step;
    private long epoch;
    private int nextBatch;
    private double wall;
    /** Whether the last step's D / G update was skipped because its gradient overflowed. */
    private boolean skippedD;
    private boolean skippedG;

    TrainingSession(RunDirectory run, DcganConfig cfg, TrainingOptions opt) {
        this.run = run;
        this.cfg = cfg;
        this.opt = opt;
        Engines.disableGradOnThisThread();
        root = engine.newBaseManager();
        g = new Generator(cfg, root);
        d = new Discriminator(cfg, root);
        g.initialize(Rng.forPurpose(opt.seed(), "init-generator"));
        d.initialize(Rng.forPurpose(opt.seed(), "init-discriminator"));
        adamG = new Adam(g, opt.learningRate(), opt.beta1(), opt.beta2(), root);
        adamD = new Adam(d, opt.learningRate(), opt.beta1(), opt.beta2(), root);
        ema = opt.generatorEma() > 0 ? new GeneratorEma(g, opt.generatorEma(), opt.seed(), root) : null;
        fixedNoise = Rng.forPurpose(opt.seed(), "fixed-noise").latent(opt.sampleCount(), cfg.latentDim(),
                cfg.prior());
        noise = Rng.forPurpose(opt.seed(), "training-noise");
    }

    /** Steps completed in this run, resumed ones included. */
    long step() {
        return step;
    }

    long epoch() {
        return epoch;
    }

    /** Index within its epoch of the batch the next step trains on. */
    int nextBatch() {
        return nextBatch;
    }

    boolean skippedD() {
        return skippedD;
    }

    boolean skippedG() {
        return skippedG;
    }

    /** One DCGAN step ({@link GanStep}) with Adam's updates. */
    GanStep.Losses trainStep(BatchStream.Batch batch) {
        int n = batch.pixels().length / (cfg.channels() * cfg.imageSize() * cfg.imageSize());
        float[] z = noise.latent(n, cfg.latentDim(), cfg.prior());
        return GanStep.run(engine, g, d, z, batch.pixels(), opt.realLabel(), root, new GanStep.Updates() {
            @Override
            public void updateD(NDManager scope) {
                skippedD = !adamD.step(scope);
            }

            @Override
            public void updateG(NDManager scope) {
                // D's gradients still hold this step's D update; clear them for the next one.
                d.zeroGradients(scope);
                skippedG = !adamG.step(scope);
                if (ema != null && !skippedG) {
                    ema.update(g, adamG.stepCount(), scope);
                }
            }
        });
    }

    /**
     * Counts a step trained on {@code batch}: the position in the data that a checkpoint saves, so
     * that a resume continues with the very next batch.
     */
    void advance(BatchStream.Batch batch, int batchesPerEpoch) {
        step++;
        nextBatch = batch.indexInEpoch() + 1;
        epoch = batch.epoch();
        if (nextBatch == batchesPerEpoch) {
            nextBatch = 0;
            epoch++;
        }
    }

    /** Adds a step's duration to the run's training time, which checkpoints carry across resumes. */
    void addWallSeconds(double seconds) {
        wall += seconds;
    }

    /** What the step just counted measured; the epoch is the batch's, before {@link #advance} rolled it. */
    StepMetrics metrics(long batchEpoch, GanStep.Losses r, double imagesPerSecond) {
        return new StepMetrics(step, batchEpoch, r.lossD(), r.lossG(), r.dReal(), r.dFakeBefore(), r.dFakeAfter(),
                imagesPerSecond, wall);
    }

    /**
     * The generator that renders: the moving average (its BatchNorm statistics re-estimated now)
     * when the run keeps one, else G.
     */
    Generator rendering() {
        if (ema == null) {
            return g;
        }
        ema.prepare(opt.batchSize());
        return ema.generator();
    }

    /** The fixed noise rendered as one grid, so that grids of different steps compare. */
    Pixels sampleGrid() {
        int n = opt.sampleCount();
        Generator r = rendering();
        try (NDManager sm = root.newSubManager()) {
            NDArray z = sm.create(fixedNoise, new Shape(n, cfg.latentDim()));
            float[] img = r.forward(z, false, sm).toFloatArray();
            return ImageGrids.grid(img, n, cfg.channels(), cfg.imageSize(), ImageGrids.squareColumns(n), 2);
        }
    }

    /** Writes a checkpoint of this step; returns its directory. */
    Path save() throws IOException {
        List<Tensor> t = new ArrayList<>();
        t.addAll(Checkpoint.tensorsOf("G", g));
        t.addAll(Checkpoint.tensorsOf("D", d));
        if (ema != null) {
            ema.prepare(opt.batchSize());
            t.addAll(ema.tensors());
        }
        adamG.state().forEach((k, v) -> t.add(Checkpoint.tensor("adamG/" + k, v)));
        adamD.state().forEach((k, v) -> t.add(Checkpoint.tensor("adamD/" + k, v)));
        t.add(new Tensor("fixed_noise", new long[] {opt.sampleCount(), cfg.latentDim()}, fixedNoise));
        Checkpoint.Meta meta = new Checkpoint.Meta(Checkpoint.FORMAT, step, epoch, nextBatch, noise.state(),
                adamG.stepCount(), adamD.stepCount(), wall, cfg, provenance());
        return Checkpoint.write(run.checkpointsDir(), meta, t);
    }

    private Map<String, String> provenance() {
        Map<String, String> p = Provenance.current(opt.seed());
        Numerics.chosen(cfg).ifPresent(c -> p.put(Provenance.NUMERICS, c.describe()));
        return p;
    }

    /** Restores the run's newest checkpoint, if it has one; the counters stay at 0 otherwise. */
    void loadLatest() throws IOException {
        var latest = run.latestCheckpoint();
        if (latest.isEmpty()) {
            return;
        }
        Path dir = latest.get();
        Checkpoint.Meta meta = Checkpoint.readMeta(dir);
        Checkpoint.checkArchitecture(dir, meta, cfg);
        Map<String, Tensor> tensors = Checkpoint.readTensors(dir);
        refuseFrozenOptimiser(dir, tensors);
        Checkpoint.load("G", g, tensors, dir);
        Checkpoint.load("D", d, tensors, dir);
        if (ema != null) {
            ema.load(tensors, g, dir);
        }
        for (var e : adamG.state().entrySet()) {
            Checkpoint.loadInto(e.getValue(), tensors, "adamG/" + e.getKey(), dir);
        }
        for (var e : adamD.state().entrySet()) {
            Checkpoint.loadInto(e.getValue(), tensors, "adamD/" + e.getKey(), dir);
        }
        Tensor fn = tensors.get("fixed_noise");
        if (fn == null || fn.data().length != fixedNoise.length) {
            throw new IOException(dir + ": fixed noise missing or of another size");
        }
        System.arraycopy(fn.data(), 0, fixedNoise, 0, fixedNoise.length);
        adamG.setStepCount(meta.adamStepsG());
        adamD.setStepCount(meta.adamStepsD());
        noise.setState(meta.noiseRngState());
        step = meta.step();
        epoch = meta.epoch();
        nextBatch = meta.nextBatch();
        wall = meta.wallSeconds();
    }

    /**
     * Starts from another run's weights ({@code train --init-from}): G, D with their BatchNorm
     * statistics, the moving average where the checkpoint has one and this run keeps one, and the
     * fixed noise where it has one of this run's size. The optimiser starts fresh and the step count,
     * data position and noise stay at this run's start.
     */
    void loadInitial(Path dir) throws IOException {
        Checkpoint.Meta meta = Checkpoint.readMeta(dir);
        Checkpoint.checkArchitecture(dir, meta, cfg);
        Map<String, Tensor> tensors = Checkpoint.readTensors(dir);
        Checkpoint.load("G", g, tensors, dir);
        Checkpoint.load("D", d, tensors, dir);
        if (ema != null) {
            ema.load(tensors, g, dir);
        }
        Tensor fn = tensors.get("fixed_noise");
        if (fn != null && fn.data().length == fixedNoise.length) {
            System.arraycopy(fn.data(), 0, fixedNoise, 0, fixedNoise.length);
        }
    }

    /**
     * Refuses a checkpoint whose Adam moments are not finite: an infinite second moment makes every
     * later update of that weight 0 (see {@link Adam#GRADIENT_LIMIT}), so resuming it would train a
     * network that can no longer learn. Runs trained before the overflow guard can have them.
     */
    static void refuseFrozenOptimiser(Path dir, Map<String, Tensor> tensors) throws IOException {
        for (String net : List.of("D", "G")) {
            long bad = 0;
            long all = 0;
            for (Tensor t : tensors.values()) {
                if (t.name().startsWith("adam" + net + "/")) {
                    for (float x : t.data()) {
                        bad += Float.isFinite(x) ? 0 : 1;
                    }
                    all += t.data().length;
                }
            }
            if (bad > 0) {
                throw new IOException(dir + ": " + net + "'s optimiser state is not finite in " + bad + " of " + all
                        + " values, so " + net + " no longer learns from this checkpoint on (a gradient overflowed "
                        + "before it was saved); resume from an earlier checkpoint: move this one and any later "
                        + "ones out of " + dir.getParent());
            }
        }
    }

    @Override
    public void close() {
        root.close();
    }
}
