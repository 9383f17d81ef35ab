package io.dcganexplorer.ui;

import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.AttributeProbes;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.GroupMean;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.ui.ArithmeticViewModel.AttributeFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.ObjDoubleConsumer;

/**
 * The work of one auto-fill, on a background thread: fits the attribute classifier on the run's
 * real images, scores a pool of generated samples and picks each group's exemplars and one slider
 * direction per attribute. The settings are captured on the UI thread when auto-fill starts; this
 * touches no property, and reports progress only through {@code status}.
 *
 * @param dir the run directory
 * @param cp the checkpoint whose discriminator gives the features
 * @param texts the attribute expressions of groups A, B and C
 */
record AutoExemplarSearch(Path dir, Path cp, GeneratorSession session, List<String> texts, int poolSize,
        int members, long seed, int nTrain, int nTest, AttributeFeatures kind, GroupMean means) {

    /** What auto-fill puts in the groups and the sliders, and the line that says so. */
    record Result(List<List<float[]>> groups, List<DirectionSliders.Direction> directions, String summary) {}

    /**
     * Runs the search. Throws {@link CancellationException} once {@code cancel} says so (between
     * batches); {@code status} gets (text, fraction or -1 while unknown).
     */
    Result run(AttributeCnn attributeCnn, BooleanSupplier cancel, ObjDoubleConsumer<String> status)
            throws IOException {
        RunDirectory run = RunDirectory.open(dir);
        DcganConfig cfg = session.config();
        try (AttributeProbes probes = AttributeProbes.open(run, cfg, "automatic exemplars need");
                DiscriminatorFeatures features = DiscriminatorFeatures.open(cp)) {
            List<AttributeExpression> exprs = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < texts.size(); i++) {
                try {
                    exprs.add(probes.parse(texts.get(i)));
                } catch (AttributeProbes.BadExpression e) {
                    throw new IllegalArgumentException("group " + ExemplarGroups.NAMES.get(i) + ": "
                            + e.getMessage(), e);
                }
                names.addAll(exprs.get(i).names());
            }
            probes.useScorer(kind == AttributeFeatures.CNN
                    ? () -> attributeCnn.open(run, cfg, "0/2: ", cancel, status) : null, List.copyOf(names),
                    new AttributeProbes.Fit(nTrain, nTest, seed), new AttributeProbes.Listener() {
                        private long read;

                        @Override
                        public void fitting(List<String> attributes, String features) {
                            read = System.nanoTime();
                        }

                        @Override
                        public void reading(int n, int total) {
                            if (cancel.getAsBoolean()) {
                                throw new CancellationException();
                            }
                            if (n == total) {
                                status.accept("fitting the attribute classifier " + names + " on the features of "
                                        + total + " real images of " + probes.data().description() + " ...", -1);
                            } else {
                                status.accept("1/2: " + probes.whose() + " features of real images: " + n + " of "
                                        + total + ", " + AttributeCnn.timeLeft(read, n, total), (double) n / total);
                            }
                        }
                    });
            String whose = probes.whose();
            AttributeClassifier clf = probes.probes(features);
            if (cancel.getAsBoolean()) {
                throw new CancellationException();
            }
            long start = System.nanoTime();
            AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, poolSize, seed,
                    new AutoExemplars.Progress() {
                        @Override
                        public void scored(int n, int total) {
                            status.accept("2/2: scored " + n + " of " + total + " generated samples, "
                                    + AttributeCnn.timeLeft(start, n, total), (double) n / total);
                        }

                        @Override
                        public boolean cancelled() {
                            return cancel.getAsBoolean();
                        }
                    });
            List<List<float[]>> groups = AutoExemplars.choose(pool, exprs, members);
            List<DirectionSliders.Direction> dirs = new ArrayList<>();
            AutoExemplars.directions(pool, 0.25).forEach((a, v) -> dirs.add(new DirectionSliders.Direction(a, v,
                    String.format("attribute %s: mean z of the 25%% of %d samples most likely to show it minus the "
                            + "25%% least likely (classifier held-out accuracy %.2f)", a, poolSize,
                            clf.heldOutAccuracy().get(a)))));
            StringBuilder acc = new StringBuilder();
            clf.heldOutAccuracy().forEach((a, v) -> acc.append(acc.length() == 0 ? "" : ", ")
                    .append(String.format("%s %.2f", a, v)));
            String summary = String.format("filled A, B, C with the top %d of %d samples for %s; classifier "
                    + "(on the %s's features) accuracy on held-out real images: %s", members, poolSize,
                    String.join(" | ", texts), whose, acc)
                    + transferNote(clf, pool, exprs, groups, probes);
            return new Result(groups, dirs, summary);
        }
    }

    /**
     * Whether this generator can do the arithmetic at all: mean(A) - mean(B) added to other pool
     * samples of C's expression, the share that then show the target (as {@code arithmetic --auto}
     * reports). Empty when no target follows from the groups or the pool has no other such sample.
     */
    private String transferNote(AttributeClassifier clf, AutoExemplars.Pool pool, List<AttributeExpression> exprs,
            List<List<float[]>> groups, AttributeProbes probes) {
        AttributeExpression goal;
        try {
            goal = probes.target(exprs, null);
        } catch (IllegalArgumentException e) {
            return "";
        }
        List<float[]> others = AutoExemplars.typical(pool, exprs.get(2), groups,
                ArithmeticEvaluation.TRANSFER_SAMPLES);
        Double t = AutoExemplars.transfer(session, clf, others, means.direction(groups.get(0), groups.get(1)), goal);
        return t == null ? "" : String.format(". mean(A) - mean(B) makes %.0f%% of %d other samples called %s show %s "
                + "(where this share is low, the change does not carry over to that kind)", 100 * t, others.size(),
                exprs.get(2).text(), goal.text());
    }
}
