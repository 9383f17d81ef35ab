package io.dcganexplorer.train;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.DcganConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files one training run leaves on disk (DESIGN.md):
 *
 * <pre>
 * runs/NAME/
 *   config.json                  architecture, training options, provenance
 *   metrics.csv                  one row a step
 *   samples/step-000500.png      fixed-noise grids
 *   checkpoints/step-000500/     complete checkpoints; the newest is the one to resume
 *   .lock                        held by the process training the run ({@link RunLock})
 *   .read-only                   only in the shipped demo ({@link ShippedDemo}): nothing writes here
 * </pre>
 */
public final class RunDirectory {
    /**
     * 2 since the built-in faces were redrawn (2026-12-04): a format-1 run's {@code faces} means the
     * set as drawn then, and {@link #open} reads it as {@code faces-v1}.
     */
    public static final int FORMAT = 2;
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{6,})");
    /** The marker of a run nothing may write into: the extracted shipped demo. */
    public static final String READ_ONLY = ".read-only";

    /** Refusal to write into a read-only run (the shipped demo); the message says where to write instead. */
    public static final class ReadOnlyRunException extends IOException {
        private static final long serialVersionUID = 1L;

        ReadOnlyRunException(String message) {
            super(message);
        }
    }

    /** Contents of config.json. */
    public record RunFile(int format, DcganConfig config, TrainingOptions options, Map<String, String> provenance) {}

    private final Path root;
    /** Replaced whole when options change (on the training thread); read from any thread. */
    private volatile RunFile runFile;

    private RunDirectory(Path root, RunFile runFile) {
        this.root = root;
        this.runFile = runFile;
    }

    /** Starts a new run; refuses a directory that already holds one, so nothing is overwritten. */
    public static RunDirectory create(Path root, DcganConfig config, TrainingOptions options) throws IOException {
        refuseExistingRun(root);
        Files.createDirectories(root.resolve("samples"));
        Files.createDirectories(root.resolve("checkpoints"));
        RunDirectory run = new RunDirectory(root, new RunFile(FORMAT, config, options,
                Provenance.current(options.seed())));
        Json.write(run.configFile(), run.runFile);
        return run;
    }

    /** Throws if {@code root} already holds a run (a config.json): a new run must not overwrite it. */
    public static void refuseExistingRun(Path root) throws IOException {
        if (Files.exists(root.resolve("config.json"))) {
            throw new IOException(root + " already holds a run (config.json exists): resume it or choose "
                    + "another directory");
        }
    }

    /** Opens an existing run. */
    public static RunDirectory open(Path root) throws IOException {
        Path cfg = root.resolve("config.json");
        if (!Files.isRegularFile(cfg)) {
            throw new IOException(root + " is not a run directory (no config.json)");
        }
        RunFile f = Json.read(cfg, RunFile.class);
        if (f.config() == null || f.options() == null) {
            throw new IOException(cfg + ": missing \"config\" or \"options\"");
        }
        if (f.format() > FORMAT) {
            throw new IOException(cfg + ": run format " + f.format() + " is newer than this build reads ("
                    + FORMAT + ")");
        }
        if (f.format() < 2 && f.options().dataset() != null) {
            f = new RunFile(f.format(), f.config(), f.options().withDataset(DatasetSpec.beforeStyles(
                    f.options().dataset())), f.provenance());
        }
        return new RunDirectory(root, f);
    }

    public Path root() {
        return root;
    }

    /** True when {@code root} is a run nothing may write into (it holds {@link #READ_ONLY}: the shipped demo). */
    public static boolean isReadOnly(Path root) {
        return Files.exists(root.resolve(READ_ONLY));
    }

    /** True when this run is read-only (the shipped demo). */
    public boolean readOnly() {
        return isReadOnly(root);
    }

    /**
     * Refuses a write into a read-only run: {@code instead} says what the user can do, e.g. "pass
     * --out FILE".
     */
    public static void requireWritable(Path root, String instead) throws ReadOnlyRunException {
        if (root != null && isReadOnly(root)) {
            throw new ReadOnlyRunException("the shipped demo is read-only (" + root + "): " + instead);
        }
    }

    public DcganConfig config() {
        return runFile.config();
    }

    public TrainingOptions options() {
        return runFile.options();
    }

    public Map<String, String> provenance() {
        return runFile.provenance();
    }

    /** Records one more provenance entry (e.g. how the networks compute here), replacing an older one. */
    public void recordProvenance(String key, String value) throws IOException {
        Map<String, String> p = new java.util.LinkedHashMap<>(runFile.provenance() != null ? runFile.provenance()
                : Map.of());
        if (value.equals(p.get(key))) {
            return;
        }
        requireWritable(root, "its config.json is not changed");
        p.put(key, value);
        runFile = new RunFile(runFile.format(), runFile.config(), runFile.options(), p);
        Json.write(configFile(), runFile);
    }

    /** Records changed options (e.g. a new step budget on resume). */
    public void updateOptions(TrainingOptions options) throws IOException {
        requireWritable(root, "train from it with train --init-from demo --run-dir NEW");
        runFile = new RunFile(runFile.format(), runFile.config(), options, runFile.provenance());
        Json.write(configFile(), runFile);
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path metricsFile() {
        return root.resolve("metrics.csv");
    }

    public Path samplesDir() {
        return root.resolve("samples");
    }

    public Path checkpointsDir() {
        return root.resolve("checkpoints");
    }

    public Path sampleFile(long step) {
        return samplesDir().resolve(String.format("step-%06d.png", step));
    }

    /** Complete checkpoints, oldest first (temporary folders are never named step-N). */
    public List<Path> checkpoints() throws IOException {
        return checkpointsIn(checkpointsDir());
    }

    /**
     * The checkpoint folders (named step-N) in {@code folder}, oldest first: a run's own, or a folder
     * where a user kept some (none if it does not exist).
     */
    public static List<Path> checkpointsIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> Files.isDirectory(p) && STEP_DIR.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(RunDirectory::stepOf))
                    .toList();
        }
    }

    public Optional<Path> latestCheckpoint() throws IOException {
        List<Path> all = checkpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The step a checkpoint folder is named after (step-N), or -1 for another name. */
    public static long stepOf(Path checkpointDir) {
        Matcher m = STEP_DIR.matcher(checkpointDir.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Fixed-noise grids on disk, by step, oldest first. */
    public List<Path> samples() throws IOException {
        if (!Files.isDirectory(samplesDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(samplesDir())) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{6,}\\.png")).sorted().toList();
        }
    }

    /** Every metrics row; a damaged row (e.g. cut by a crash) is skipped. */
    public List<StepMetrics> readMetrics() throws IOException {
        List<StepMetrics> rows = new ArrayList<>();
        if (!Files.exists(metricsFile())) {
            return rows;
        }
        try (Stream<String> lines = Files.lines(metricsFile(), StandardCharsets.UTF_8)) {
            lines.skip(1).forEach(l -> {
                try {
                    rows.add(StepMetrics.fromCsv(l));
                } catch (RuntimeException e) {
                    // a partial last line after a crash: the steps after the checkpoint are re-run
                }
            });
        }
        return rows;
    }

    /**
     * Keeps only rows up to {@code step} (the rows of steps after the resumed checkpoint are
     * trained again), rewriting the file atomically.
     */
    public void truncateMetrics(long step) throws IOException {
        requireWritable(root, "train from it with train --init-from demo --run-dir NEW");
        StringBuilder sb = new StringBuilder(StepMetrics.CSV_HEADER).append('\n');
        for (StepMetrics m : readMetrics()) {
            if (m.step() <= step) {
                sb.append(m.toCsv()).append('\n');
            }
        }
        Json.writeText(metricsFile(), sb.toString());
    }

    /** Appends rows; creates the file with its header if needed. */
    public BufferedWriter openMetricsForAppend() throws IOException {
        requireWritable(root, "train from it with train --init-from demo --run-dir NEW");
        boolean fresh = !Files.exists(metricsFile()) || Files.size(metricsFile()) == 0;
        BufferedWriter w = Files.newBufferedWriter(metricsFile(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            w.write(StepMetrics.CSV_HEADER);
            w.newLine();
        }
        return w;
    }
}
