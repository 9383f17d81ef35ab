package io.dcganexplorer.research;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.latent.Projector;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures projection into z on a run (read only): (a) how fast the loss settles, projecting
 * {@code -Dcurve=N} training images for {@code -Dcurve-steps=1000} steps and printing the loss reached
 * at steps 50, 100, 200, ..., the first step within 10% of the last one's loss, and the time per step;
 * (b) the reconstruction error of {@code -Dimages=100} training images (the run's dataset and seed)
 * and as many faces the model never saw (the same dataset, seed {@code -Dheld-out-seed}, default the
 * run's seed + 1000) at {@code -Dsteps} / {@code -Dstarts} (the command's defaults): mean and median
 * of the pixel RMSE and of the D-feature distance for each. The gap between the two is the
 * memorisation test. Each line also gives the process's CPU seconds, a cost that other work on a
 * shared machine does not inflate.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) -Dthreads=2 \
 *     io.dcganexplorer.research.ProjectionMeasure /work/runs/demo-faces64/checkpoints/step-000500
 * </pre>
 */
public final class ProjectionMeasure {
    private static final int[] MARKS = {50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};

    private ProjectionMeasure() {}

    public static void main(String[] a) throws Exception {
        Path checkpoint = Path.of(a[0]);
        RunDirectory run = SmileArithmetic.runOf(checkpoint);
        DcganConfig cfg = run.config();
        Engines.configure(Integer.getInteger("threads", 2));
        int curveImages = Integer.getInteger("curve", 3);
        int curveSteps = Integer.getInteger("curve-steps", 1000);
        int images = Integer.getInteger("images", 100);
        int steps = Integer.getInteger("steps", Projector.Settings.DEFAULT_STEPS);
        int starts = Integer.getInteger("starts", Projector.Settings.DEFAULT_STARTS);
        long seed = run.options().seed();
        long heldOutSeed = Long.getLong("held-out-seed", seed + 1000);
        DatasetSpec spec = DatasetSpec.parse(run.options().dataset());
        System.out.printf(Locale.ROOT, "run %s, checkpoint %s (step %d), %s, %d threads%n", run.root(), checkpoint,
                Checkpoint.readMeta(checkpoint).step(), cfg.summary(), Integer.getInteger("threads", 2));
        try (Projector p = Projector.open(checkpoint, Checkpoint.Weights.AUTO);
                ImageDataset train = spec.open(cfg.imageSize(), cfg.channels(), seed);
                ImageDataset heldOut = spec.open(cfg.imageSize(), cfg.channels(), heldOutSeed)) {
            int plane = cfg.channels() * cfg.imageSize() * cfg.imageSize();
            float[] x = new float[plane];
            p.project(image(train, 0, x), Projector.Settings.of(5, starts, 1), Projector.Listener.NONE, () -> false);
            for (int i = 0; i < curveImages; i++) {
                long cpu0 = cpuNanos();
                Projector.Result r = p.project(image(train, i, new float[plane]),
                        Projector.Settings.of(curveSteps, starts, 1), Projector.Listener.NONE, () -> false);
                double[] c = r.lossCurve();
                StringBuilder sb = new StringBuilder();
                for (int m : MARKS) {
                    if (m <= c.length) {
                        sb.append(String.format(Locale.ROOT, " %d:%.4f", m, c[m - 1]));
                    }
                }
                int within = c.length;
                for (int s = 0; s < c.length; s++) {
                    if (c[s] <= 1.1 * c[c.length - 1]) {
                        within = s + 1;
                        break;
                    }
                }
                System.out.printf(Locale.ROOT, "curve image %d, %d steps x %d starts: %.1f s (%.1f ms/step), "
                        + "%.1f CPU s; loss at%s; within 10%% of step %d's loss from step %d%n", i, curveSteps, starts,
                        r.millis() / 1000.0, (double) r.millis() / curveSteps, (cpuNanos() - cpu0) / 1e9, sb, c.length,
                        within);
                System.out.flush();
            }
            for (ImageDataset set : List.of(train, heldOut)) {
                List<Double> rmse = new ArrayList<>();
                List<Double> feature = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < images; i++) {
                    long cpu0 = cpuNanos();
                    Projector.Result r = p.project(image(set, i, new float[plane]),
                            Projector.Settings.of(steps, starts, 1), Projector.Listener.NONE, () -> false);
                    rmse.add(r.pixelRmse());
                    feature.add(r.featureDistance());
                    System.out.printf(Locale.ROOT, "  %s image %d: pixel RMSE %.4f, D-feature distance %.4f, %.1f s, "
                            + "%.1f CPU s%n", set == train ? "training" : "held-out", i, r.pixelRmse(),
                            r.featureDistance(), r.millis() / 1000.0, (cpuNanos() - cpu0) / 1e9);
                    System.out.flush();
                }
                System.out.printf(Locale.ROOT, "%s: %d images, %d steps x %d starts, %.2f s each: pixel RMSE mean %.4f"
                        + " median %.4f; D-feature distance mean %.4f median %.4f%n", set.description(), images, steps,
                        starts, (System.nanoTime() - t0) / 1e9 / images, mean(rmse), median(rmse), mean(feature),
                        median(feature));
            }
        }
    }

    /** This process's CPU time: on a machine shared with other work, the wall time overstates the cost. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static float[] image(ImageDataset set, int i, float[] dst) throws Exception {
        set.read(i, dst, 0);
        return dst;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length
                / 2]) / 2;
    }
}
