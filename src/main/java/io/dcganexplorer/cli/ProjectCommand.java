package io.dcganexplorer.cli;

import io.dcganexplorer.data.UserImage;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.latent.Projector;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.Json;
import io.dcganexplorer.train.OrderlyShutdown;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code project}: finds the z whose image is closest to a picture ({@link Projector}) and writes it
 * as a latent file, the target beside its projection, and the distances. Ctrl-C stops after the
 * current step and writes nothing.
 */
@Command(name = "project", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Find the z whose image is closest to a picture; write z, the pair of images and the "
                + "distances.")
final class ProjectCommand implements Callable<Integer> {
    static final String Z_FILE = "z.json";
    static final String PNG_FILE = "projection.png";
    static final String SUMMARY_FILE = "projection.json";

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource source;

    @Option(names = "--image", paramLabel = "FILE", required = true,
            description = "The picture (PNG, JPEG, BMP or GIF; cropped to its centre square and resized).")
    Path image;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + Projector.Settings.DEFAULT_STEPS,
            description = "Adam steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--starts", paramLabel = "K", defaultValue = "" + Projector.Settings.DEFAULT_STARTS,
            description = "Starting points tried together; the best goes on (default: ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the starts (default: 1).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder to write " + Z_FILE + ", " + PNG_FILE + " and " + SUMMARY_FILE + " into.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads, 0 = libtorch's default.")
    int threads;

    /** What {@value #SUMMARY_FILE} holds. */
    record Summary(String image, String checkpoint, long checkpointStep, int steps, int starts, long seed,
            double pixelRmse, double featureDistance, double loss, long millis, List<String> notes) {}

    @Override
    public Integer call() {
        return Commands.guard(spec, this::project);
    }

    private int project() throws IOException, InterruptedException {
        if (steps < 1 || steps > 100_000) {
            throw Commands.invalid(spec, "--steps", steps, "must be 1 to 100000");
        }
        if (starts < 1 || starts > 256) {
            throw Commands.invalid(spec, "--starts", starts, "must be 1 to 256");
        }
        if (threads < 0) {
            throw Commands.invalid(spec, "--threads", threads, "must be 0 (default) or more");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        RunDirectory run = source.run();
        Path dir = source.checkpointDir(run);
        Checkpoint.Meta meta = Checkpoint.readMeta(dir);
        DcganConfig cfg = run.config();
        Checkpoint.checkArchitecture(dir, meta, cfg);
        UserImage target = UserImage.read(image, cfg.imageSize(), cfg.channels());
        PrintWriter err = spec.commandLine().getErr();
        if (!target.notes().isEmpty()) {
            err.println("note: " + image + ": " + target.notesLine());
        }
        io.dcganexplorer.model.Engines.configure(threads);
        Commands.checkNumerics(cfg, err);

        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Projector.Result r;
        // Ctrl-C: stop after the current step, before the JVM exits under a running libtorch op.
        try (OrderlyShutdown.Registration stop = OrderlyShutdown.register("the projection", () -> {
            cancel.set(true);
            return finished.await(10, TimeUnit.SECONDS);
        });
                Projector p = Projector.open(dir, source.weights(spec))) {
            long[] shown = {0};
            r = p.project(target.chw(), Projector.Settings.of(steps, starts, seed), (step, total, loss, img) -> {
                long now = System.nanoTime();
                if (step == total || now - shown[0] > 1_000_000_000L) {
                    shown[0] = now;
                    err.printf(Locale.ROOT, "projecting: step %d/%d, loss %.4f%n", step, total, loss);
                    err.flush();
                }
            }, cancel::get);
        } finally {
            finished.countDown();
        }
        if (r.cancelled()) {
            throw new InterruptedException();
        }
        Files.createDirectories(out);
        LatentStore.writeLatentFile(out.resolve(Z_FILE), "projection", r.z());
        Pixels pair = ImageGrids.hconcat(List.of(ImageGrids.image(target.chw(), 0, cfg.channels(), cfg.imageSize()),
                ImageGrids.image(r.image(), 0, cfg.channels(), cfg.imageSize())), 2);
        PngFiles.write(pair, out.resolve(PNG_FILE));
        Json.write(out.resolve(SUMMARY_FILE), new Summary(image.toString(), dir.toString(), meta.step(), steps, starts,
                seed, r.pixelRmse(), r.featureDistance(), r.loss(), r.millis(), target.notes()));
        spec.commandLine().getOut().printf(Locale.ROOT,
                "projected %s with %s at step %d: pixel RMSE %.4f (0-1 units), D-feature distance %.4f, %d steps x %d"
                        + " starts in %.1f s; wrote %s, %s, %s in %s%n",
                image, dir, meta.step(), r.pixelRmse(), r.featureDistance(), steps, starts, r.millis() / 1000.0, Z_FILE,
                PNG_FILE, SUMMARY_FILE, out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
