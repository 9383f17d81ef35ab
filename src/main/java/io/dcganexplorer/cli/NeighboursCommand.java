package io.dcganexplorer.cli;

import io.dcganexplorer.data.UserImage;
import io.dcganexplorer.eval.NeighbourIndex;
import io.dcganexplorer.eval.NeighbourPicture;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.latent.NeighbourStats;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.Durations;
import io.dcganexplorer.train.Json;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neighbours}: the k nearest training images of a generated face (a seed's z or a saved one)
 * or of an image file, in pixel space and in the discriminator's feature space, as a picture and
 * JSON; or, with {@code --stats N}, how far N generated faces are from their nearest training face
 * beside how far N training faces are from their nearest other one. The first use of a checkpoint
 * builds its index ({@link NeighbourIndex}; minutes at 64x64 on 20,000 faces), later ones read it.
 */
@Command(name = "neighbours", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The nearest training images of a sample or an image, in pixel space and in D's features; "
                + "or, with --stats N, how far generated faces are from the training set.")
final class NeighboursCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Query query;

    static final class Query {
        @Option(names = "--seed", paramLabel = "S",
                description = "The sample of seed S (as sample --seed S --count 1).")
        Long seed;

        @Option(names = "--latent", paramLabel = "NAME|FILE",
                description = "A z saved in the run's latents.json, or a file in its form (FILE#NAME for one of "
                        + "several).")
        String latent;

        @Option(names = "--image", paramLabel = "FILE",
                description = "An image file (PNG, JPEG, ...), fitted to the model's size and channels.")
        Path image;

        @Option(names = "--stats", paramLabel = "N",
                description = "Distances to the nearest training face of N generated and of N training faces.")
        Integer stats;
    }

    @Option(names = "--k", paramLabel = "K", defaultValue = "8", description = "Neighbours per space (default: 8).")
    int k;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The PNG to write (and FILE.json beside it); with --stats, an optional JSON file.")
    Path out;

    @Option(names = "--stats-seed", paramLabel = "S", defaultValue = "1",
            description = "With --stats: seed of the generated z and of the training images picked (default: 1).")
    long statsSeed;

    @Override
    public Integer call() {
        return Commands.guard(spec, this::run);
    }

    private int run() throws IOException {
        if (k < 1 || k > 64) {
            throw Commands.invalid(spec, "--k", k, "must be 1 to 64");
        }
        if (query.stats == null) {
            if (out == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: "
                        + "'--out=FILE'");
            }
            if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw Commands.invalid(spec, "--out", out, "must end in .png");
            }
        }
        RunDirectory run = source.run();
        Path dir = source.checkpointDir(run);
        DcganConfig cfg = run.config();
        if (query.stats != null && query.stats < 2) {
            throw Commands.invalid(spec, "--stats", query.stats, "must be at least 2");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        Engines.configure(0);
        Engines.disableGradOnThisThread();
        // the query first: a bad file or name fails before minutes of indexing
        float[] chw = null;
        String label = null;
        if (query.stats == null) {
            if (query.image != null) {
                UserImage img = UserImage.read(query.image, cfg.imageSize(), cfg.channels());
                if (!img.notes().isEmpty()) {
                    err.println("note: " + img.notesLine());
                }
                chw = img.chw();
                label = "image " + query.image.getFileName();
            } else {
                float[] z = query.seed != null ? new Rng(query.seed).latent(1, cfg.latentDim(), cfg.prior())
                        : LatentStore.resolve(run.root(), query.latent, cfg.latentDim());
                try (GeneratorSession session = GeneratorSession.open(dir, source.weights(spec))) {
                    chw = session.renderRaw(List.of(z)).join();
                }
                label = query.seed != null ? "G(z), seed " + query.seed : "G(z), " + query.latent;
            }
        }
        try (NeighbourIndex index = NeighbourIndex.forRun(run, dir, new Printed(err), () -> false)) {
            if (index.buildSeconds() > 0) {
                err.printf(Locale.ROOT, "built the index in %.1f s: %s (%.1f MB)%n", index.buildSeconds(),
                        index.cacheFile(), Files.size(index.cacheFile()) / 1e6);
                err.flush();
            }
            if (query.stats != null) {
                return stats(index, dir, o, err);
            }
            long t0 = System.nanoTime();
            NeighbourIndex.Neighbours n = index.search(chw, k);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Pixels q = ImageGrids.image(chw, 0, cfg.channels(), cfg.imageSize());
            int zoom = Math.max(1, (64 + cfg.imageSize() - 1) / cfg.imageSize());
            Path json = NeighbourPicture.write(out, NeighbourPicture.draw(index, q, label, n, zoom),
                    new NeighbourPicture.Report(dir.toString(), run.options().dataset(), label, k,
                            NeighbourPicture.DISTANCE, n.pixels(), n.features(), n.imagesCompared(), n.exact(),
                            seconds));
            o.printf(Locale.ROOT, "nearest of %s among %d training images (%.0f ms; pixels: %s):%n",
                    label, index.size(), seconds * 1000, n.exact() ? "proven nearest, " + n.imagesCompared()
                            + " compared in full" : "the nearest of the " + n.imagesCompared()
                            + " likeliest by their 32x32 pixels");
            o.println("  pixels:     " + line(n.pixels()));
            o.println("  D features: " + line(n.features()));
            o.println("wrote " + out + " and " + json);
            o.flush();
            return 0;
        }
    }

    private int stats(NeighbourIndex index, Path dir, PrintWriter o, PrintWriter err) throws IOException {
        int n = query.stats;
        if (n > index.size()) {
            throw Commands.invalid(spec, "--stats", n, "is more than the " + index.size() + " training images");
        }
        NeighbourStats.Stats s;
        try (GeneratorSession session = GeneratorSession.open(dir, source.weights(spec))) {
            double[] shown = {-1};
            s = NeighbourStats.measure(index, session, n, statsSeed, (done, total, secs) -> {
                if (done == total || secs - shown[0] >= 10) {
                    shown[0] = secs;
                    err.printf(Locale.ROOT, "%d of %d queries (elapsed %s, left ~%s)%n", done, total,
                            Durations.clock(secs), Durations.clock(secs / done * (total - done)));
                    err.flush();
                }
            }, () -> false);
        }
        o.printf(Locale.ROOT, "distance to the nearest training image, %d each (10th percentile / median / 90th), "
                + "checkpoint %s:%n", n, dir.getFileName());
        o.println("  pixels      generated " + dist(s.generatedPixels()) + "   training (to another) "
                + dist(s.trainingPixels()));
        o.println("  D features  generated " + dist(s.generatedFeatures()) + "   training (to another) "
                + dist(s.trainingFeatures()));
        o.printf(Locale.ROOT, "  medians: generated / training = %.2f in pixels, %.2f in D features (%.1f s)%n",
                s.generatedPixels().median() / s.trainingPixels().median(),
                s.generatedFeatures().median() / s.trainingFeatures().median(), s.seconds());
        if (out != null) {
            Json.write(out, s);
            o.println("wrote " + out);
        }
        o.flush();
        return 0;
    }

    private static String dist(NeighbourStats.Distribution d) {
        return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", d.p10(), d.median(), d.p90());
    }

    private static String line(List<NeighbourIndex.Neighbour> list) {
        StringBuilder b = new StringBuilder();
        for (NeighbourIndex.Neighbour nb : list) {
            b.append(String.format(Locale.ROOT, "#%d %.3f  ", nb.index(), nb.distance()));
        }
        return b.toString().trim();
    }

    /** The index's progress on stderr: its lines, and the build's every 10 seconds with the time left. */
    private static final class Printed implements NeighbourIndex.Progress {
        private final PrintWriter err;
        private double shown = -10;

        Printed(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void say(String line) {
            err.println(line);
            err.flush();
        }

        @Override
        public void building(int done, int total, double seconds) {
            if (done == total || seconds - shown >= 10) {
                shown = seconds;
                err.printf(Locale.ROOT, "indexed %d of %d images (elapsed %s, left ~%s)%n", done, total,
                        Durations.clock(seconds), Durations.clock(seconds / done * (total - done)));
                err.flush();
            }
        }
    }
}
