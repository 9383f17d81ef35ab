package io.dcganexplorer.cli;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.OrderlyShutdown;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.TrainerState;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code train}: starts a new run in {@code --run-dir} or continues one with {@code --resume}.
 * Unset options take the paper's defaults ({@link TrainingOptions#defaults()}) and the chosen
 * preset's architecture. Ctrl-C or SIGTERM stops after the current step and writes a checkpoint first
 * (SIGTERM then exits with 0). A run that another process trains is refused ({@code RunLock}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a DCGAN: a new run with --run-dir, or continue one with --resume.",
            "Unset options take the paper's defaults. Ctrl-C or SIGTERM stops after the current step and "
                    + "writes a checkpoint.",
            "A run directory has one writer: a run that another process trains is refused, naming it."})
final class TrainCommand implements Callable<Integer> {
    /** How long an interrupted command waits for the last checkpoint to be written. */
    private static final long STOP_WAIT_MINUTES = 5;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--run-dir", paramLabel = "DIR", required = true,
                description = "Start a new run in DIR (refused if DIR already holds one).")
        Path runDir;

        @Option(names = "--resume", paramLabel = "DIR", required = true,
                description = "Continue the run in DIR from its newest checkpoint.")
        Path resume;
    }

    @Option(names = "--init-from", paramLabel = "demo|RUN|CHECKPOINT",
            description = "With --run-dir: start the new run from these weights (the shipped demo, a run's newest "
                    + "checkpoint, or a checkpoint folder) with a fresh optimiser; the architecture and, unless "
                    + "given, the training options are theirs.")
    String initFrom;

    @Option(names = "--dataset", paramLabel = "SPEC",
            description = "faces (default), faces:N, mnist:PATH, fashion:PATH, folder:PATH or celeba:PATH; "
                    + "faces-v1[:N] are the faces as drawn until 2026-12-04.")
    String dataset;

    @Option(names = "--steps", paramLabel = "N",
            description = "Total step budget of the run, resumed steps included (default: none, until Ctrl-C).")
    Long steps;

    @Option(names = "--preset", paramLabel = "NAME", converter = Commands.PresetConverter.class,
            description = "pytorch (4x4 kernels, ngf=ndf=64, normal z; default) or paper (5x5, 128, uniform z).")
    DcganConfig.Preset preset;

    @Option(names = "--image-size", paramLabel = "S", description = "16, 32, 64 (default) or 128.")
    Integer imageSize;

    @Option(names = "--channels", paramLabel = "C",
            description = "1 or 3 (default: 1 for mnist and fashion, 3 otherwise).")
    Integer channels;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per step (default: 128).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default: 0.0002).")
    Double lr;

    @Option(names = "--beta1", paramLabel = "B", description = "Adam beta1 (default: 0.5).")
    Double beta1;

    @Option(names = "--label-smoothing", paramLabel = "EPS",
            description = "One-sided label smoothing: D's target for real images is 1 - EPS, fakes stay 0; "
                    + "0 to 0.5 (default: 0, the paper's recipe).")
    Double labelSmoothing;

    @Option(names = "--ema", paramLabel = "DECAY",
            description = "Keep a moving average of G's weights with this decay, e.g. 0.999, saved in every "
                    + "checkpoint and used to render (0.9 to <1, or 0 = none; default: 0, the paper's recipe).")
    Double ema;

    @Option(names = "--latent", paramLabel = "N", description = "Size of z (default: 100).")
    Integer latent;

    @Option(names = "--ngf", paramLabel = "N", description = "Generator width (default: the preset's).")
    Integer ngf;

    @Option(names = "--ndf", paramLabel = "N", description = "Discriminator width (default: the preset's).")
    Integer ndf;

    @Option(names = "--prior", paramLabel = "P", converter = Commands.PriorConverter.class,
            description = "Distribution of z: uniform or normal (default: the preset's).")
    ZPrior prior;

    @Option(names = "--seed", paramLabel = "N", description = "Seeds weights, data order and z (default: 1).")
    Long seed;

    @Option(names = "--sample-every", paramLabel = "N",
            description = "Write the fixed-noise grid every N steps, 0 = never (default: 100).")
    Integer sampleEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write a checkpoint every N steps, 0 = only at the end (default: 500).")
    Integer checkpointEvery;

    @Option(names = "--keep-checkpoints", paramLabel = "N",
            description = "Keep the newest N checkpoints, 0 = every one (default: 3). Chosen anew at each resume.")
    int keepCheckpoints = GanTrainer.DEFAULT_KEEP_CHECKPOINTS;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for libtorch, 0 = its default (default: 0).")
    int threads;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::train);
    }

    private int train() throws IOException, InterruptedException {
        if (threads < 0) {
            throw Commands.invalid(spec, "--threads", threads, "must be 0 (default) or more");
        }
        if (keepCheckpoints < 0) {
            throw Commands.invalid(spec, "--keep-checkpoints", keepCheckpoints, "must be 0 (every one) or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GanTrainer trainer;
        if (initFrom != null && target.resume != null) {
            throw Commands.invalid(spec, "--init-from", initFrom, "starts a new run: give --run-dir NEW, not --resume");
        }
        if (target.resume != null) {
            refuseOnResume();
            Engines.configure(threads);
            trainer = GanTrainer.resume(target.resume, this::changeOnResume, Commands.opener(err));
            try {
                Commands.checkNumerics(trainer.run().config(), err);
            } catch (RuntimeException e) {
                trainer.close(); // the restarted command takes the run's lock
                throw e;
            }
        } else if (initFrom != null) {
            trainer = createFromInit(err);
        } else {
            DcganConfig config = newConfig();
            TrainingOptions options = newOptions();
            Engines.configure(threads);
            Commands.checkNumerics(config, err);
            trainer = GanTrainer.create(target.runDir, config, options, Commands.opener(err));
        }
        trainer.setKeepCheckpoints(keepCheckpoints);
        TrainingOptions opt = trainer.run().options();
        Path dir = trainer.run().root();
        err.println((target.resume != null ? "resuming " : "training ") + trainer.run().config().summary() + " on "
                + opt.dataset() + ", batch " + opt.batchSize() + ", "
                + (opt.maxSteps() > 0 ? opt.maxSteps() + " steps" : "no step budget (Ctrl-C stops)") + ", run "
                + dir);
        err.flush();

        ProgressPrinter progress = new ProgressPrinter(err, System.console() != null, opt.maxSteps(),
                () -> trainer.run().options().batchSize(), System::nanoTime);
        trainer.addListener(progress);
        // Ctrl-C and SIGTERM stop after the current step and write the checkpoint before the JVM
        // exits (the trainer registers itself with OrderlyShutdown while it runs); SIGTERM then
        // exits with 0, as the desktop window does.
        OrderlyShutdown.exitZeroOnTerm();
        trainer.start();
        try {
            while (!trainer.await(1, TimeUnit.SECONDS)) {
                // waiting; the progress printer reports from the training thread
            }
        } catch (InterruptedException e) {
            trainer.stop();
            trainer.await(STOP_WAIT_MINUTES, TimeUnit.MINUTES);
            throw e;
        } finally {
            progress.finish();
        }
        if (trainer.state() != TrainerState.FINISHED) {
            throw new Cli.Failure(trainer.message());
        }
        String checkpoint = trainer.run().latestCheckpoint().map(p -> ", checkpoint " + p).orElse("");
        out.println(trainer.message() + checkpoint);
        out.flush();
        return 0;
    }

    /**
     * {@code --init-from}: a new run with the architecture of the weights it starts from, their run's
     * options (or the defaults) changed by the options given, and a fresh optimiser.
     */
    private GanTrainer createFromInit(PrintWriter err) throws IOException {
        List<String> fixed = architectureOptions();
        if (!fixed.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(", ", fixed) + " cannot be given with "
                    + "--init-from: the weights fix the architecture");
        }
        Path init;
        TrainingOptions base;
        String name = initFrom;
        if (initFrom.equals("demo")) {
            RunDirectory demo = RunDirectory.open(io.dcganexplorer.train.ShippedDemo.open().runDir());
            init = Commands.checkpointDir(demo, demo.root(), null);
            base = demo.options();
            name = io.dcganexplorer.train.ShippedDemo.NAME;
        } else if (java.nio.file.Files.isRegularFile(Path.of(initFrom).resolve("checkpoint.json"))) {
            init = Path.of(initFrom);
            Path run = init.toAbsolutePath().getParent().getParent(); // RUN/checkpoints/step-N
            base = run != null && java.nio.file.Files.isRegularFile(run.resolve("config.json"))
                    ? RunDirectory.open(run).options() : null;
        } else {
            RunDirectory run = RunDirectory.open(Path.of(initFrom));
            init = Commands.checkpointDir(run, run.root(), null);
            base = run.options();
        }
        return startFrom(init, name, base, err);
    }

    private GanTrainer startFrom(Path init, String name, TrainingOptions base, PrintWriter err) throws IOException {
        DcganConfig config = io.dcganexplorer.train.Checkpoint.readMeta(init).config();
        TrainingOptions options;
        try {
            options = changeOnResume(base != null ? base.withMaxSteps(0) : TrainingOptions.defaults());
            if (batchSize != null) {
                options = options.withBatchSize(batchSize);
            }
            if (seed != null) {
                options = options.withSeed(seed);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid training option: " + e.getMessage());
        }
        Engines.configure(threads);
        Commands.checkNumerics(config, err);
        err.println("starting from " + name + " (" + init + ") with a fresh optimiser");
        err.flush();
        return GanTrainer.createFrom(target.runDir, config, options, init, name, Commands.opener(err));
    }

    private List<String> architectureOptions() {
        List<String> fixed = new ArrayList<>();
        addIf(fixed, preset, "--preset");
        addIf(fixed, imageSize, "--image-size");
        addIf(fixed, channels, "--channels");
        addIf(fixed, latent, "--latent");
        addIf(fixed, ngf, "--ngf");
        addIf(fixed, ndf, "--ndf");
        addIf(fixed, prior, "--prior");
        return fixed;
    }

    /** Architecture, batch and seed are fixed by the run's config.json. */
    private void refuseOnResume() {
        List<String> fixed = architectureOptions();
        addIf(fixed, batchSize, "--batch-size");
        addIf(fixed, seed, "--seed");
        if (!fixed.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(", ", fixed) + " cannot be changed when "
                    + "resuming: the run's config.json fixes them (only --steps, --dataset, --lr, --beta1, "
                    + "--label-smoothing, --ema, --sample-every and --checkpoint-every may change)");
        }
    }

    private static void addIf(List<String> names, Object value, String name) {
        if (value != null) {
            names.add(name);
        }
    }

    private TrainingOptions changeOnResume(TrainingOptions o) {
        try {
            TrainingOptions n = o;
            if (steps != null) {
                n = n.withMaxSteps(steps);
            }
            if (dataset != null) {
                n = n.withDataset(DatasetSpec.parse(dataset).toString());
            }
            if (lr != null || beta1 != null) {
                n = n.withOptimizer(lr != null ? lr : n.learningRate(), beta1 != null ? beta1 : n.beta1());
            }
            if (labelSmoothing != null) {
                n = n.withLabelSmoothing(labelSmoothing);
            }
            if (ema != null) {
                n = n.withGeneratorEma(ema);
            }
            if (sampleEvery != null || checkpointEvery != null) {
                n = n.withIntervals(sampleEvery != null ? sampleEvery : n.sampleEvery(),
                        checkpointEvery != null ? checkpointEvery : n.checkpointEvery());
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private DcganConfig newConfig() {
        DatasetSpec ds = datasetSpec();
        int size = imageSize != null ? imageSize : 64;
        if (size < DcganConfig.MIN_SIZE || size > DcganConfig.MAX_SIZE || Integer.bitCount(size) != 1) {
            throw Commands.invalid(spec, "--image-size", size, "the image size must be a power of two from "
                    + DcganConfig.MIN_SIZE + " to " + DcganConfig.MAX_SIZE + " (16, 32, 64 or 128)");
        }
        if (channels != null && channels != 1 && channels != 3) {
            throw Commands.invalid(spec, "--channels", channels, "must be 1 (gray) or 3 (RGB)");
        }
        int ch = channels != null ? channels
                : ds.kind().equals("mnist") || ds.kind().equals("fashion") ? 1 : 3;
        try {
            DcganConfig c = DcganConfig.preset(preset != null ? preset : DcganConfig.Preset.PYTORCH, size, ch);
            if (latent != null) {
                c = c.withLatentDim(latent);
            }
            if (ngf != null || ndf != null) {
                c = c.withFeatures(ngf != null ? ngf : c.generatorFeatures(),
                        ndf != null ? ndf : c.discriminatorFeatures());
            }
            if (prior != null) {
                c = c.withPrior(prior);
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid architecture: " + e.getMessage());
        }
    }

    private TrainingOptions newOptions() {
        try {
            TrainingOptions o = TrainingOptions.defaults().withDataset(datasetSpec().toString());
            if (batchSize != null) {
                o = o.withBatchSize(batchSize);
            }
            if (lr != null || beta1 != null) {
                o = o.withOptimizer(lr != null ? lr : o.learningRate(), beta1 != null ? beta1 : o.beta1());
            }
            if (labelSmoothing != null) {
                o = o.withLabelSmoothing(labelSmoothing);
            }
            if (ema != null) {
                o = o.withGeneratorEma(ema);
            }
            if (seed != null) {
                o = o.withSeed(seed);
            }
            if (steps != null) {
                o = o.withMaxSteps(steps);
            }
            if (sampleEvery != null || checkpointEvery != null) {
                o = o.withIntervals(sampleEvery != null ? sampleEvery : o.sampleEvery(),
                        checkpointEvery != null ? checkpointEvery : o.checkpointEvery());
            }
            return o;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid training option: " + e.getMessage());
        }
    }

    private DatasetSpec datasetSpec() {
        String s = dataset != null ? dataset : TrainingOptions.DEFAULT_DATASET;
        try {
            return DatasetSpec.parse(s);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--dataset': "
                    + e.getMessage());
        }
    }
}
