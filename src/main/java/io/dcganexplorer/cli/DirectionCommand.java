package io.dcganexplorer.cli;

import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.image.GifWriter;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.AttributeProbes;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code direction}: a direction in z applied along a line of strengths (paper Fig. 8, the "turn"
 * vector): one row per seed, one column per strength. The direction is mean(P) - mean(Q) of two
 * seed groups, an attribute's (the likeliest minus the least likely quarter of scored samples, as
 * the window's auto-fill makes), or one saved in the run's latents.json; {@code --save} keeps it
 * there, where the window shows it as a slider.
 */
@Command(name = "direction", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Apply a direction in z (mean P - mean Q, an attribute's, or a saved one) along a line of "
                + "strengths, one row per seed.")
final class DirectionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorSource generator;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        Groups groups;

        @Option(names = "--attribute", paramLabel = "NAME",
                description = "An attribute of the run's data, e.g. Smiling: its direction from scored samples.")
        String attribute;

        @Option(names = "--saved", paramLabel = "NAME", description = "A direction saved in the run's latents.json.")
        String saved;
    }

    static final class Groups {
        @Option(names = "--p", split = ",", required = true, paramLabel = "SEED",
                description = "Seeds of group P (e.g. four facing left).")
        List<Long> p;

        @Option(names = "--q", split = ",", required = true, paramLabel = "SEED",
                description = "Seeds of group Q (e.g. four facing right).")
        List<Long> q;
    }

    @Option(names = "--seeds", split = ",", paramLabel = "S,S,...",
            description = "The z each row starts from (1 to 16 seeds, and/or --latent).")
    List<Long> seeds = new ArrayList<>();

    @Option(names = "--latent", paramLabel = "NAME|FILE",
            description = "A row from a saved z (its name in latents.json) or a z file, e.g. project's z.json; "
                    + "repeatable, after the seeds' rows.")
    List<String> latents = new ArrayList<>();

    @Option(names = "--strength", defaultValue = "2", description = "The line runs from -S to +S (default: 2).")
    double strength;

    @Option(names = "--frames", defaultValue = "7", description = "Strengths on the line (default: 7).")
    int frames;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "PNG to write.")
    Path out;

    @Option(names = "--save", paramLabel = "NAME", description = "Also save the direction in latents.json as NAME.")
    String save;

    @Option(names = "--pool", defaultValue = "2000", description = "Samples scored with --attribute (default: 2000).")
    int pool;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the scored pool (default: 1).")
    long seed;

    @Mixin
    ScorerOptions scorer = new ScorerOptions();

    @Option(names = "--zoom", defaultValue = "1", description = "Integer upscale of the image (default: 1).")
    int zoom;


    @Override
    public Integer call() {
        return Commands.guard(spec, this::run);
    }

    private int run() throws IOException {
        if (seeds.size() + latents.size() < 1 || seeds.size() + latents.size() > 16) {
            throw Commands.invalid(spec, "--seeds", seeds, "give 1 to 16 rows in all (seeds and --latent)");
        }
        if (frames < 2 || frames > 64) {
            throw Commands.invalid(spec, "--frames", frames, "must be 2 to 64");
        }
        if (!(strength > 0 && strength <= 10)) {
            throw Commands.invalid(spec, "--strength", strength, "must be above 0 and at most 10");
        }
        if (zoom < 1 || zoom > 16) {
            throw Commands.invalid(spec, "--zoom", zoom, "must be 1 to 16");
        }
        if (source.attribute != null && (pool < 8 || pool > 100_000)) {
            throw Commands.invalid(spec, "--pool", pool, "must be 8 to 100000");
        }
        RunDirectory run = generator.run();
        if (save != null) {
            RunDirectory.requireWritable(run.root(), "--save would keep the direction in its latents.json; leave "
                    + "--save out (the picture goes to --out)");
        }
        Path dir = generator.checkpointDir(run);
        DcganConfig cfg = run.config();
        Engines.configure(0);
        try (GeneratorSession session = GeneratorSession.open(dir, generator.weights(spec))) {
            String what;
            float[] d;
            if (source.groups != null) {
                d = Latent.direction(Commands.seedsToZ(source.groups.p, cfg), Commands.seedsToZ(source.groups.q, cfg));
                what = "mean of P " + source.groups.p + " - mean of Q " + source.groups.q;
            } else if (source.saved != null) {
                var saved = LatentStore.read(generator.runDir, cfg.latentDim()).directions();
                d = saved.get(source.saved);
                if (d == null) {
                    throw new Cli.Failure("no direction '" + source.saved + "' in "
                            + generator.runDir.resolve(LatentStore.FILE) + "; saved: " + saved.keySet());
                }
                what = "saved direction " + source.saved;
            } else {
                d = attributeDirection(run, dir, session);
                what = "attribute " + source.attribute + " (pool of " + pool + ", seed " + seed + ")";
            }
            float[] s = Latent.strengths(strength, frames);
            List<float[]> zs = new ArrayList<>();
            List<float[]> rows = new ArrayList<>();
            for (long sd : seeds) {
                rows.add(new Rng(sd).latent(1, cfg.latentDim(), cfg.prior()));
            }
            for (String l : latents) {
                rows.add(LatentStore.resolve(generator.runDir, l, cfg.latentDim()));
            }
            for (float[] z : rows) {
                for (float x : s) {
                    zs.add(Latent.add(z, d, x));
                }
            }
            List<Pixels> images = session.render(zs).join().stream().map(p -> GifWriter.zoom(p, zoom)).toList();
            PngFiles.write(ImageGrids.tile(images, frames, 2), out);
            if (save != null) {
                String name = save.trim();
                if (name.isEmpty()) {
                    throw Commands.invalid(spec, "--save", save, "needs a name");
                }
                LatentStore.update(generator.runDir, cfg.latentDim(), store -> store.putDirection(name, d));
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%d rows x %d strengths from %+.2f to %+.2f) "
                    + "along %s, |d| = %.3f%s, from %s%n", out, rows.size(), frames, -strength, strength, what,
                    Latent.norm(d), save == null ? "" : ", saved as " + save.trim(), dir);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    private float[] attributeDirection(RunDirectory run, Path dir, GeneratorSession session) throws IOException {
        DcganConfig cfg = session.config();
        PrintWriter err = spec.commandLine().getErr();
        try (AttributeProbes probes = AttributeProbes.open(run, cfg, "--attribute needs");
                DiscriminatorFeatures features = DiscriminatorFeatures.open(dir)) {
            AttributeExpression e;
            try {
                e = probes.parse(source.attribute);
            } catch (AttributeProbes.BadExpression ex) {
                throw Commands.invalid(spec, "--attribute", source.attribute, ex.getMessage());
            }
            if (e.names().size() != 1 || !e.wanted().get(0)) {
                throw Commands.invalid(spec, "--attribute", source.attribute, "name one attribute, e.g. Smiling");
            }
            String name = e.names().get(0);
            scorer.validate(spec);
            probes.useScorer(scorer.cnn() ? () -> scorer.openCnn(run, cfg, err) : null, List.of(name),
                    AttributeProbes.Fit.defaults(run.options().seed()), new AttributeProbes.Listener() {
                        @Override
                        public void fitting(List<String> names, String whose) {
                            err.println("fitting an attribute classifier for " + name + " on " + whose
                                    + ", scoring " + pool + " samples ...");
                            err.flush();
                        }
                    });
            AttributeClassifier clf = probes.probes(features);
            err.printf(Locale.ROOT, "classifier accuracy on held-out real images: %.3f%n",
                    clf.heldOutAccuracy().get(name));
            AutoExemplars.Pool scored = AutoExemplars.score(session, features, clf, pool, seed,
                    AutoExemplars.Progress.NONE);
            return AutoExemplars.directions(scored, 0.25).get(name);
        }
    }
}
