package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.TrainingOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slider-to-image latency at 64x64: one {@code renderLatest} round trip per slider step on a freshly
 * initialised pytorch-preset generator (one training step, batch 8). Measures, asserts nothing.
 * Run with {@code mvn -o test -Dtest=ExploreLatencyBench -Ddcgan.bench=true}.
 */
@EnabledIfSystemProperty(named = "dcgan.bench", matches = "true")
class ExploreLatencyBench {
    @TempDir
    Path tmp;

    @Test
    void sliderRoundTripsAt64() throws Exception {
        DcganConfig cfg = DcganConfig.preset(DcganConfig.Preset.PYTORCH, 64, 3);
        TrainingOptions opt = new TrainingOptions("faces:64", 8, 2e-4, 0.5, 0.999, 1, 1, 0, 0, 8, 0, 0);
        GanTrainer t = GanTrainer.create(tmp.resolve("run"), cfg, opt,
                (spec, size, ch, seed) -> DatasetSpec.parse(spec).open(size, ch, seed));
        t.start();
        if (!t.await(300, TimeUnit.SECONDS)) {
            throw new AssertionError("training did not end");
        }
        Path cp = RunDirectory.open(tmp.resolve("run")).latestCheckpoint().orElseThrow();
        try (GeneratorSession s = GeneratorSession.open(cp)) {
            float[] z = new Rng(7).latent(1, cfg.latentDim(), cfg.prior());
            for (int i = 0; i < 5; i++) {
                z[0] = i * 0.1f;
                s.renderLatest("current", z).get();
            }
            int n = 50;
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                z[0] = -3f + 6f * i / n; // a slider being dragged
                long t0 = System.nanoTime();
                s.renderLatest("current", z).get();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("latency 64x64 %s: %d renderLatest round trips, median %.1f ms, p95 %.1f ms, "
                    + "min %.1f ms, max %.1f ms, %d cores%n", cfg.summary(), n, ms[n / 2],
                    ms[(int) Math.ceil(0.95 * n) - 1], ms[0], ms[n - 1], Runtime.getRuntime().availableProcessors());
        }
    }
}
