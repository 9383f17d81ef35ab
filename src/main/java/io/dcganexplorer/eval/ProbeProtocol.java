package io.dcganexplorer.eval;

import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.eval.RepresentationProbe.Draw;
import io.dcganexplorer.eval.RepresentationProbe.Method;
import io.dcganexplorer.eval.RepresentationProbe.Options;
import io.dcganexplorer.eval.RepresentationProbe.TooLargeException;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The probe's protocol before any network runs: which labelled images each draw gets (label
 * counts such as 100, 1,000 and all, class-balanced, each split into fit and validation), and
 * whether the whole probe fits in the heap. Kept apart from the fitting so that the draws can be
 * tested, and reasoned about, without a discriminator.
 */
final class ProbeProtocol {
    private ProbeProtocol() {}

    /**
     * Refuses data the discriminator cannot read, and a probe that would run out of heap halfway
     * (hours in), before any work.
     */
    static void checkFits(Options o, DcganConfig cfg, ImageDataset train, ImageDataset test)
            throws TooLargeException {
        if (train.imageSize() != cfg.imageSize() || train.channels() != cfg.channels()
                || test.imageSize() != cfg.imageSize() || test.channels() != cfg.channels()) {
            throw new IllegalArgumentException("images are " + train.imageSize() + "x" + train.imageSize() + "x"
                    + train.channels() + ", the discriminator takes " + cfg.imageSize() + "x" + cfg.imageSize()
                    + "x" + cfg.channels() + ": open the dataset at the run's size");
        }
        long need = heapNeeded(o, cfg, train.size(), test.size());
        long max = Runtime.getRuntime().maxMemory();
        if (need > 0.85 * max) {
            throw new TooLargeException(String.format(Locale.ROOT, "this probe needs about %.1f GB of Java heap "
                    + "(the SVM's rows for up to %d labels of %d features), this JVM has %.1f GB: lower the label "
                    + "count (or --labels-limit for 'all') or give Java more heap (-Xmx)", need / 1e9,
                    o.labelCounts().stream().mapToInt(c -> o.resolve(c, train.size())).max().orElse(0),
                    o.methods().contains(Method.D_FEATURES) ? RepresentationProbe.featureCount(cfg)
                            : cfg.channels() * cfg.imageSize() * cfg.imageSize(), max / 1e9));
        }
    }

    /** See {@link RepresentationProbe#heapNeeded}. */
    static long heapNeeded(Options o, DcganConfig cfg, int trainSize, int testSize) {
        int features = RepresentationProbe.featureCount(cfg);
        int pixels = cfg.channels() * cfg.imageSize() * cfg.imageSize();
        long union = 0;
        int most = 0;
        for (int c : o.labelCounts()) {
            int n = o.resolve(c, trainSize);
            union += (long) n * (c == RepresentationProbe.ALL ? 1 : o.draws());
            most = Math.max(most, n);
        }
        union = Math.min(union, trainSize);
        long svm = 0;
        long caches = 0;
        if (o.methods().contains(Method.D_FEATURES)) {
            caches = (union + o.testImages(testSize)) * (features * 4L + 16);
            svm = LinearSvm.heapBytes(most, features);
        }
        if (o.methods().contains(Method.RAW_PIXELS)) {
            svm = Math.max(svm, LinearSvm.heapBytes(most, pixels));
        }
        return caches + svm;
    }

    /**
     * Every draw of the probe, label count by label count, each labelled with the count as asked
     * ({@link RepresentationProbe#ALL} stays ALL, for the table), all methods sharing them.
     */
    static List<Draw> draws(Options o, int[] trainLabels, int classes, int trainSize) {
        List<Draw> draws = new ArrayList<>();
        for (int count : o.labelCounts()) {
            for (int k = 0; k < o.draws(); k++) {
                Draw d = draw(trainLabels, classes, o.resolve(count, trainSize), o.validationFraction(), o.seed(), k);
                draws.add(new Draw(count, k, d.fit(), d.validation()));
            }
        }
        return draws;
    }

    /** See {@link RepresentationProbe#draw}. */
    static Draw draw(int[] labels, int classes, int count, double validationFraction, long seed, int index) {
        Rng rng = Rng.forPurpose(seed, "probe-labels-" + count + "-draw-" + index);
        List<int[]> byClass = new ArrayList<>();
        int[] sizes = new int[classes];
        for (int y : labels) {
            sizes[y]++;
        }
        for (int c = 0; c < classes; c++) {
            byClass.add(new int[sizes[c]]);
        }
        int[] fill = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i])[fill[labels[i]]++] = i;
        }
        for (int[] members : byClass) {
            ProbeData.shuffle(members, rng);
        }
        int n = Math.min(count, labels.length);
        int[] quota = new int[classes];
        int[] order = new int[classes];
        for (int c = 0; c < classes; c++) {
            order[c] = c;
        }
        // classes take turns in a seeded order, so that the remainder of an uneven count favours no class
        ProbeData.shuffle(order, rng);
        int left = n;
        while (left > 0) {
            boolean any = false;
            for (int c : order) {
                if (left > 0 && quota[c] < sizes[c]) {
                    quota[c]++;
                    left--;
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        List<Integer> fit = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (sizes[c] == 0) {
                continue;
            }
            if (quota[c] < 2) {
                throw new IllegalArgumentException(n + " labels give class " + c + " only " + quota[c]
                        + ": at least two a class are needed (one to fit, one to validate)");
            }
            int v = (int) Math.max(1, Math.min(quota[c] - 1, Math.round(validationFraction * quota[c])));
            int[] members = byClass.get(c);
            for (int k = 0; k < quota[c]; k++) {
                (k < v ? val : fit).add(members[k]);
            }
        }
        return new Draw(count, index, fit.stream().mapToInt(Integer::intValue).sorted().toArray(),
                val.stream().mapToInt(Integer::intValue).sorted().toArray());
    }
}
