package io.dcganexplorer.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.dcganexplorer.data.InMemoryDataset;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.StepMetrics;
import io.dcganexplorer.train.TrainerState;
import io.dcganexplorer.train.TrainingListener;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: training throughput of the pytorch preset on the built-in faces (in grey with
 * {@code --channels 1}), per image size; each size's JSON says how its networks computed here. The
 * faces are drawn before timing ({@link #IN_MEMORY} of them, cycled), as the PyTorch reference's
 * data is a tensor already in memory. One trainer per size runs {@code warmup + rounds * steps}
 * steps in a temporary run folder; the time of each step's end is taken in the step listener, and
 * a round's images/s is
 * {@code steps * batch} over the time from the end of the step before its first to the end of its
 * last. Rounds, not one long run, because this kind of machine is noisy: quote the median.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training speed (images/s) of the pytorch preset on the built-in faces.",
            "Prints one JSON object on stdout; progress goes to stderr."})
final class BenchCommand implements Callable<Integer> {
    /**
     * Faces decoded before timing and cycled: the reference trains on one tensor in memory, and
     * drawing faces on the 2 cores would otherwise be timed as the engine's work.
     */
    static final int IN_MEMORY = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", paramLabel = "S,S", split = ",", defaultValue = "32,64",
            description = "Image sizes (default: 32,64).")
    List<Integer> sizes;

    @Option(names = "--channels", paramLabel = "C", defaultValue = "3",
            description = "Image channels, 1 (the faces in grey, as MNIST-like data) or 3 (default: 3).")
    int channels;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Batch (default: 64).")
    int batchSize;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Untimed steps first (default: 3).")
    int warmup;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Steps a round (default: 10).")
    int steps;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Timed rounds (default: 5).")
    int rounds;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads, 0 = libtorch's default.")
    int threads;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::bench);
    }

    private int bench() throws IOException, InterruptedException {
        validate();
        Engines.configure(threads);
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> results = new ArrayList<>();
        for (int size : sizes) {
            err.println("bench: " + size + "x" + size + "x" + channels + ", batch " + batchSize + ", " + warmup
                    + " warm-up + " + rounds + " x " + steps + " steps");
            err.flush();
            double[] perRound = measure(size);
            double[] sorted = perRound.clone();
            Arrays.sort(sorted);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("size", size);
            r.put("channels", channels);
            r.put("numerics", Numerics.chosen(config(size)).map(Numerics.Choice::describe).orElse(null));
            r.put("batch", batchSize);
            r.put("median_img_s", round1(median(sorted)));
            r.put("min_img_s", round1(sorted[0]));
            r.put("max_img_s", round1(sorted[sorted.length - 1]));
            List<Double> rs = new ArrayList<>();
            for (double v : perRound) {
                rs.add(round1(v));
            }
            r.put("rounds", rs);
            results.add(r);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("device", Engines.get().defaultDevice().getDeviceType());
        json.put("threads", torchThreads());
        json.put("onednn_isa", Numerics.isa());
        json.put("isa_fallback", Numerics.isaFallback().orElse(null));
        json.put("data", "built-in faces, " + IN_MEMORY + " decoded in memory before timing");
        json.put("layout", Ops.CHANNELS_LAST ? "channels-last" : "nchw");
        json.put("conv_transpose", Ops.convTransposeKind());
        json.put("results", results);
        json.put("peak_rss_mb", ProcessMemory.peakRssMb());
        Gson gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
        spec.commandLine().getOut().println(gson.toJson(json));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void validate() {
        if (sizes.isEmpty()) {
            throw Commands.invalid(spec, "--sizes", sizes, "name at least one size");
        }
        for (int s : sizes) {
            if (s < DcganConfig.MIN_SIZE || s > DcganConfig.MAX_SIZE || Integer.bitCount(s) != 1) {
                throw Commands.invalid(spec, "--sizes", s, "sizes must be powers of two from 16 to 128");
            }
        }
        if (channels != 1 && channels != 3) {
            throw Commands.invalid(spec, "--channels", channels, "must be 1 or 3");
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw Commands.invalid(spec, "--batch-size", batchSize, "must be 1 to 4096");
        }
        if (warmup < 0) {
            throw Commands.invalid(spec, "--warmup", warmup, "must be 0 or more");
        }
        if (steps < 1 || rounds < 1) {
            throw Commands.invalid(spec, steps < 1 ? "--steps" : "--rounds", steps < 1 ? steps : rounds,
                    "must be 1 or more");
        }
        if (threads < 0) {
            throw Commands.invalid(spec, "--threads", threads, "must be 0 (default) or more");
        }
    }

    /** Images/s of each timed round at {@code size}. */
    private double[] measure(int size) throws IOException, InterruptedException {
        int total = warmup + rounds * steps;
        TrainingOptions options = TrainingOptions.defaults().withBatchSize(batchSize).withMaxSteps(total)
                .withIntervals(0, 0).withSampleCount(1);
        DcganConfig config = config(size);
        long[] endOf = new long[total + 1]; // endOf[k]: nanoTime at the end of step k; [0]: when RUNNING began
        Path dir = Files.createTempDirectory("dcgan-bench-");
        try {
            GanTrainer.DatasetOpener faces = Commands.opener(new PrintWriter(java.io.Writer.nullWriter()));
            GanTrainer trainer = GanTrainer.create(dir.resolve("run"), config, options,
                    (spec, s, c, seed) -> new InMemoryDataset(faces.open(spec, s, c, seed), IN_MEMORY));
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    if (m.step() <= total) {
                        endOf[(int) m.step()] = System.nanoTime();
                    }
                }

                @Override
                public void onStateChanged(TrainerState state, String message) {
                    if (state == TrainerState.RUNNING && endOf[0] == 0) {
                        endOf[0] = System.nanoTime();
                    }
                }
            });
            Thread onCtrlC = new Thread(trainer::stop, "dcgan-bench-stop");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            try {
                trainer.start();
                while (!trainer.await(1, TimeUnit.SECONDS)) {
                    // the listener records the times
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException e) {
                    // shutting down already
                }
            }
            if (trainer.state() != TrainerState.FINISHED || trainer.step() < total) {
                throw new Cli.Failure("benchmark at size " + size + " did not complete: " + trainer.message());
            }
        } finally {
            Commands.deleteTree(dir);
        }
        double[] perRound = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            int first = warmup + r * steps + 1;
            int last = first + steps - 1;
            double seconds = (endOf[last] - endOf[first - 1]) / 1e9;
            perRound[r] = (double) steps * batchSize / seconds;
        }
        return perRound;
    }

    private DcganConfig config(int size) {
        return DcganConfig.preset(DcganConfig.Preset.PYTORCH, size, channels);
    }

    /** The thread count libtorch actually uses, read back after the engine started. */
    private int torchThreads() {
        try {
            return ai.djl.pytorch.jni.JniUtils.getNumThreads();
        } catch (RuntimeException | LinkageError e) {
            return threads;
        }
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
