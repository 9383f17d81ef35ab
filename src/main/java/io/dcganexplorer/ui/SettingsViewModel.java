package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.TrainingOptions;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Every training setting the window shows, each a {@link ValidatedField} with its default
 * visible: the paper's optimiser settings (Adam 2e-4, beta1 0.5, batch 128) and the chosen
 * preset's architecture. No Node; tested without a window.
 */
public final class SettingsViewModel {
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    // Properties
    private final ObjectProperty<DcganConfig.Preset> preset = new SimpleObjectProperty<>(this, "preset",
            DcganConfig.Preset.PYTORCH);
    private final ObjectProperty<KernelPreset> kernel = new SimpleObjectProperty<>(this, "kernel", KernelPreset.K4);
    private final ObjectProperty<ZPrior> prior = new SimpleObjectProperty<>(this, "prior", ZPrior.NORMAL);

    public final ValidatedField<DatasetSpec> dataset = new ValidatedField<>("Dataset",
            "faces, faces:N, mnist:PATH, fashion:PATH, folder:PATH or celeba:PATH", "faces", s -> {
                try {
                    return DatasetSpec.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", DatasetSpec.FORMS));
                }
            });
    public final ValidatedField<Integer> imageSize = new ValidatedField<>("Image size",
            "Side of the square images: 16, 32, 64 or 128", "64", s -> {
                int v = ValidatedField.parseIntOrThrow(s);
                if (v < DcganConfig.MIN_SIZE || v > DcganConfig.MAX_SIZE || Integer.bitCount(v) != 1) {
                    throw new IllegalArgumentException("must be a power of two from 16 to 128");
                }
                return v;
            });
    public final ValidatedField<Integer> channels = new ValidatedField<>("Channels",
            "1 (gray) or 3 (RGB)", "3", s -> {
                int v = ValidatedField.parseIntOrThrow(s);
                if (v != 1 && v != 3) {
                    throw new IllegalArgumentException("must be 1 (gray) or 3 (RGB)");
                }
                return v;
            });
    public final ValidatedField<Integer> latent = new ValidatedField<>("Latent size (z)",
            "Size of z; the paper uses 100", "100", ValidatedField.intIn(1, 4096));
    public final ValidatedField<Integer> ngf = new ValidatedField<>("G width (ngf)",
            "Channels of the generator's last hidden stage, doubled per stage", "64", ValidatedField.intIn(1, 1024));
    public final ValidatedField<Integer> ndf = new ValidatedField<>("D width (ndf)",
            "Channels of the discriminator's first stage, doubled per stage", "64", ValidatedField.intIn(1, 1024));
    public final ValidatedField<Integer> batch = new ValidatedField<>("Batch size",
            "Images per step; the paper uses 128", "128", ValidatedField.intIn(1, 4096));
    public final ValidatedField<Double> learningRate = new ValidatedField<>("Learning rate",
            "Adam step size for both networks; the paper uses 0.0002", "0.0002",
            ValidatedField.doubleWhere(v -> v > 0 && v < 1, "must be a number above 0 and below 1"));
    public final ValidatedField<Double> beta1 = new ValidatedField<>("Adam beta1",
            "Adam's first-moment decay; the paper uses 0.5", "0.5",
            ValidatedField.doubleWhere(v -> v >= 0 && v < 1, "must be a number from 0 up to (not including) 1"));
    public final ValidatedField<Double> labelSmoothing = new ValidatedField<>("Label smoothing",
            "One-sided: D's target for real images is 1 - this, fakes stay 0 (Salimans et al. 2016). 0 is the "
                    + "paper's recipe; with 0.1 on the built-in faces at 64x64, D(x) averaged 0.86 instead of "
                    + "0.93-0.98 (README)", "0",
            ValidatedField.doubleWhere(v -> v >= 0 && v <= 0.5, "must be a number from 0 to 0.5"));
    public final ValidatedField<Double> generatorEma = new ValidatedField<>("G moving average",
            "Decay of an exponential moving average of G's weights kept beside G, saved in every checkpoint "
                    + "and used to render samples and to explore (Yazici et al. 2019), e.g. 0.999. It takes no part "
                    + "in training. 0 = none, the paper's recipe", "0",
            ValidatedField.doubleWhere(v -> v == 0 || (v >= 0.9 && v < 1),
                    "must be 0 (none) or from 0.9 up to (not including) 1"));
    public final ValidatedField<Long> seed = new ValidatedField<>("Seed",
            "Seeds the weights, the data order, z and the fixed noise", "1",
            ValidatedField.longIn(Long.MIN_VALUE, Long.MAX_VALUE, ""));
    public final ValidatedField<Integer> sampleEvery = new ValidatedField<>("Samples every",
            "Render the fixed-noise grid every N steps (0 = never)", "100", ValidatedField.intIn(0, 1_000_000));
    public final ValidatedField<Integer> checkpointEvery = new ValidatedField<>("Checkpoint every",
            "Write a checkpoint every N steps (0 = only when the run ends)", "500",
            ValidatedField.intIn(0, 1_000_000));
    public final ValidatedField<Integer> scoreEvery = new ValidatedField<>("Score every",
            "Compute the sample-quality score (Frechet distance of 1000 generated images to the test images in the "
                    + "features of a classifier trained on the dataset) every N steps on a background thread, saved "
                    + "in scores.csv (0 = off). The first score of a dataset trains its classifier (minutes on a CPU, "
                    + "then cached); each score takes a few seconds of CPU beside training. MNIST, Fashion-MNIST, "
                    + "faces and CelebA only", "0", ValidatedField.intIn(0, 1_000_000));
    public final ValidatedField<Integer> keepCheckpoints = new ValidatedField<>("Keep checkpoints",
            "How many of the newest checkpoints stay on disk (0 = every one, to compare them later; a 64x64 "
                    + "full-width checkpoint with a moving average is 87 MB). Chosen each time training starts",
            Integer.toString(io.dcganexplorer.train.GanTrainer.DEFAULT_KEEP_CHECKPOINTS),
            ValidatedField.intIn(0, 1_000_000));
    public final ValidatedField<Long> steps = new ValidatedField<>("Step budget",
            "Total steps of the run, resumed steps included (0 = no budget, train until stopped)", "0",
            ValidatedField.longIn(0, Long.MAX_VALUE, " of 0 (none) or more"));
    public final ValidatedField<Integer> threads = new ValidatedField<>("CPU threads",
            "Threads libtorch uses (0 = its default). Takes effect only when the engine starts, i.e. at the "
                    + "first training in this process; restart the app to change it afterwards",
            "0", ValidatedField.intIn(0, 256));
    public final ValidatedField<Path> runsRoot = new ValidatedField<>("Runs folder",
            "New runs go into a fresh timestamped folder under this one", defaultRunsRoot().toString(), s -> {
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("must name a folder");
                }
                try {
                    return expandHome(s);
                } catch (java.nio.file.InvalidPathException e) {
                    throw new IllegalArgumentException("is not a valid path: " + e.getReason());
                }
            });

    private final List<ValidatedField<?>> all = List.of(dataset, imageSize, channels, latent, ngf, ndf, batch,
            learningRate, beta1, labelSmoothing, generatorEma, seed, sampleEvery, checkpointEvery, keepCheckpoints,
            scoreEvery, steps, threads, runsRoot);
    /** The fields that may change when a run is continued (GanTrainer.resume). */
    private final List<ValidatedField<?>> resumable = List.of(dataset, learningRate, beta1, labelSmoothing,
            generatorEma, sampleEvery, checkpointEvery, keepCheckpoints, scoreEvery, steps);
    private final BooleanBinding valid = Bindings.createBooleanBinding(
            () -> all.stream().allMatch(ValidatedField::isValid),
            all.stream().map(ValidatedField::errorProperty).toArray(javafx.beans.Observable[]::new));
    private final BooleanBinding resumableValid = Bindings.createBooleanBinding(
            () -> resumable.stream().allMatch(ValidatedField::isValid),
            resumable.stream().map(ValidatedField::errorProperty).toArray(javafx.beans.Observable[]::new));

    public SettingsViewModel() {
        preset.addListener((obs, o, n) -> {
            if (n != null) {
                applyPreset(n);
            }
        });
        dataset.textProperty().addListener((obs, o, n) -> {
            if (dataset.isValid()) {
                // IDX data is gray; everything else is RGB unless the user says otherwise
                String kind = dataset.value().kind();
                channels.setText(kind.equals("mnist") || kind.equals("fashion") ? "1" : "3");
            }
        });
    }

    public static Path defaultRunsRoot() {
        return Path.of(System.getProperty("user.home"), "dcgan-runs");
    }

    private static Path expandHome(String s) {
        if (s.equals("~") || s.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + s.substring(1));
        }
        return Path.of(s);
    }

    public List<ValidatedField<?>> fields() {
        return all;
    }

    public ObjectProperty<DcganConfig.Preset> presetProperty() {
        return preset;
    }

    public ObjectProperty<KernelPreset> kernelProperty() {
        return kernel;
    }

    public ObjectProperty<ZPrior> priorProperty() {
        return prior;
    }

    /** True while every field holds a valid value: Train is enabled only then. */
    public BooleanBinding validProperty() {
        return valid;
    }

    /** True while the fields that a continued run may change are valid. */
    public BooleanBinding resumableValidProperty() {
        return resumableValid;
    }

    // Commands

    /** Fills widths, kernels and z prior from a preset, keeping size, channels and latent size. */
    public void applyPreset(DcganConfig.Preset p) {
        DcganConfig c = DcganConfig.preset(p, 64, 3);
        ngf.setText(Integer.toString(c.generatorFeatures()));
        ndf.setText(Integer.toString(c.discriminatorFeatures()));
        kernel.set(c.kernel());
        prior.set(c.prior());
        if (preset.get() != p) {
            preset.set(p);
        }
    }

    /** The architecture the fields describe; throws the first field's reason if one is invalid. */
    public DcganConfig config() {
        return new DcganConfig(imageSize.value(), channels.value(), latent.value(), ngf.value(), ndf.value(),
                kernel.get(), prior.get());
    }

    /** The training options the fields describe. */
    public TrainingOptions options() {
        return TrainingOptions.defaults().withDataset(dataset.value().toString()).withBatchSize(batch.value())
                .withOptimizer(learningRate.value(), beta1.value()).withLabelSmoothing(labelSmoothing.value())
                .withGeneratorEma(generatorEma.value()).withSeed(seed.value())
                .withMaxSteps(steps.value()).withIntervals(sampleEvery.value(), checkpointEvery.value());
    }

    /** What continuing a run changes: dataset, optimiser, intervals and budget from the fields. */
    public UnaryOperator<TrainingOptions> resumeChanges() {
        String ds = dataset.value().toString();
        double lr = learningRate.value();
        double b1 = beta1.value();
        double eps = labelSmoothing.value();
        double ema = generatorEma.value();
        int se = sampleEvery.value();
        int ce = checkpointEvery.value();
        long budget = steps.value();
        return o -> o.withDataset(ds).withOptimizer(lr, b1).withLabelSmoothing(eps).withGeneratorEma(ema)
                .withIntervals(se, ce).withMaxSteps(budget);
    }

    /** A fresh folder for a new run under the runs folder, named by the time. */
    public Path newRunDirectory(LocalDateTime now) {
        Path root = runsRoot.value();
        String base = RUN_NAME.format(now);
        Path dir = root.resolve(base);
        for (int i = 2; java.nio.file.Files.exists(dir); i++) {
            dir = root.resolve(base + "-" + i);
        }
        return dir;
    }

    /** 0.0002 rather than 2.0E-4. */
    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Shows an existing run's settings. A run that used up its step budget gets budget 0, so that
     * continuing it trains on until stopped unless the user sets a new budget.
     */
    public void load(DcganConfig c, TrainingOptions o, long stepsDone) {
        dataset.setText(o.dataset());
        imageSize.setText(Integer.toString(c.imageSize()));
        channels.setText(Integer.toString(c.channels()));
        latent.setText(Integer.toString(c.latentDim()));
        ngf.setText(Integer.toString(c.generatorFeatures()));
        ndf.setText(Integer.toString(c.discriminatorFeatures()));
        kernel.set(c.kernel());
        prior.set(c.prior());
        batch.setText(Integer.toString(o.batchSize()));
        learningRate.setText(plain(o.learningRate()));
        beta1.setText(plain(o.beta1()));
        labelSmoothing.setText(plain(o.labelSmoothing()));
        generatorEma.setText(plain(o.generatorEma()));
        seed.setText(Long.toString(o.seed()));
        sampleEvery.setText(Integer.toString(o.sampleEvery()));
        checkpointEvery.setText(Integer.toString(o.checkpointEvery()));
        steps.setText(Long.toString(o.maxSteps() > stepsDone ? o.maxSteps() : 0));
    }
}
