package io.dcganexplorer.cli;

import ai.djl.ndarray.NDManager;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.CheckpointAverage;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code average}: a generator whose weights are the mean of several checkpoints' generators
 * ({@link CheckpointAverage}), written as a checkpoint folder that {@code sample}, {@code score} and
 * {@code arithmetic} read with {@code --checkpoint}.
 */
@Command(name = "average", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Average the generator weights of several checkpoints (BatchNorm statistics re-estimated) "
                + "into a new checkpoint folder; the checkpoints are only read."})
final class AverageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--run-dir", paramLabel = "DIR", required = true, description = "The run.")
    Path runDir;

    @Option(names = "--from", paramLabel = "STEP",
            description = "Average the run's checkpoints from this step on (with --to; instead of --checkpoints).")
    Long from;

    @Option(names = "--to", paramLabel = "STEP", description = "... up to this step (default: the newest).")
    Long to;

    @Option(names = "--checkpoints", paramLabel = "PATH", split = ",",
            description = "Checkpoint folders to average (names under DIR/checkpoints or paths).")
    List<Path> checkpoints;

    @Option(names = "--out", paramLabel = "DIR",
            description = "New folder to write (default: DIR/averaged/step-FROM-to-TO); never overwritten.")
    Path out;

    @Option(names = "--bn-samples", defaultValue = "4096",
            description = "z rendered to re-estimate the BatchNorm statistics (default: 4096).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of those z (default: 1).")
    long seed;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::run);
    }

    private int run() throws IOException {
        if (samples < 2 || samples > 1_000_000) {
            throw Commands.invalid(spec, "--bn-samples", samples, "must be 2 to 1000000");
        }
        if ((checkpoints == null) == (from == null)) {
            throw Commands.invalid(spec, "--from/--checkpoints", from == null ? "neither" : "both",
                    "give --from (and --to) or --checkpoints");
        }
        RunDirectory run = RunDirectory.open(runDir);
        List<Path> candidates = new ArrayList<>();
        long lo = Long.MIN_VALUE;
        long hi = Long.MAX_VALUE;
        if (checkpoints != null) {
            for (Path p : checkpoints) {
                candidates.add(Commands.checkpointDir(run, runDir, p));
            }
        } else {
            lo = from;
            hi = to == null ? Long.MAX_VALUE : to;
            if (hi < lo) {
                throw Commands.invalid(spec, "--to", to, "is before --from " + from);
            }
            candidates.addAll(run.checkpoints());
        }
        List<Path> inputs = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Path p : candidates) {
            long step = Checkpoint.readMeta(p).step();
            if (step >= lo && step <= hi) {
                inputs.add(p);
                first = Math.min(first, step);
                last = Math.max(last, step);
            }
        }
        if (inputs.size() < 2) {
            throw new Cli.Failure("averaging needs at least 2 checkpoints; found " + inputs.size()
                    + (checkpoints == null ? " in " + run.checkpointsDir() + " between steps " + from + " and "
                            + (to == null ? "the newest" : to) : ""));
        }
        if (out == null) {
            RunDirectory.requireWritable(run.root(), "pass --out DIR for the averaged checkpoint");
        }
        Path target = out != null ? out
                : run.root().resolve("averaged").resolve(String.format(Locale.ROOT, "step-%06d-to-%06d", first, last));
        if (Files.exists(target)) {
            throw new Cli.Failure(target + " already exists: remove it or give another --out");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Engines.configure(0);
        long t0 = System.nanoTime();
        CheckpointAverage.Result r;
        try (NDManager m = Engines.get().newBaseManager()) {
            r = CheckpointAverage.average(inputs, target, samples, run.options().batchSize(), seed, m,
                    new CheckpointAverage.Progress() {
                        @Override
                        public void done(String phase, int done, int total) {
                            if (done == total || phase.startsWith("reading")) {
                                err.printf(Locale.ROOT, "%s: %d/%d%n", phase, done, total);
                                err.flush();
                            }
                        }
                    });
        } catch (IllegalArgumentException e) {
            throw new Cli.Failure(e.getMessage());
        }
        stdout.printf(Locale.ROOT, "wrote %s: generator averaged over %d checkpoints (steps %d..%d), BatchNorm "
                + "statistics re-estimated on %d z, in %.1f s%n", r.folder(), r.steps().size(), first, last,
                r.samples(), (System.nanoTime() - t0) / 1e9);
        stdout.flush();
        return 0;
    }
}
