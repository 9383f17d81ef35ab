package io.dcganexplorer.eval;

import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.LabelledIdx;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The representation probe of paper section 5: how good are a trained discriminator's features
 * for classification with few labels, against raw pixels and against the same network trained
 * supervised on those labels alone.
 *
 * <p>Protocol, for each label count and each of {@code draws} seeded draws:
 * <ol>
 *   <li>Labels: a class-balanced draw from the training split ({@link #draw}); a class-stratified
 *       share of it ({@code validationFraction}, at least one image a class) is held out as the
 *       validation split. The test split is the official one, used for nothing but the final error.
 *   <li>D features: BatchNorm statistics re-estimated once on {@code bnImages} training images
 *       ({@link BatchNormReestimation}), then every conv stage's activation in inference mode,
 *       max-pooled to 4x4 and concatenated ({@link DiscriminatorFeatures}' layout); a linear
 *       L2-SVM ({@link LinearSvm}) with C chosen on the validation split, refitted on all the
 *       draw's labels.
 *   <li>Raw pixels: the same SVM protocol on the pixels the discriminator sees.
 *   <li>Supervised: the discriminator's architecture with a class head, trained from scratch on the
 *       draw's fit split and early-stopped on its validation split ({@link SupervisedBaseline}).
 * </ol>
 * All three methods see the same draws. The checkpoint is only read.
 *
 * <p>This class holds the probe's settings and results and runs the protocol; the parts live
 * beside it: {@link ProbeProtocol} (the label draws, the heap check), {@link ProbeFeatures} (the
 * discriminator's features of the labelled and test images), {@link ProbeFits} (the SVMs and the
 * supervised baseline on one draw), {@link ProbeTracker} (progress) and {@link ProbeData}.
 *
 * <p>Threads: {@link #run} does all its work, NDArrays included, on the calling thread, in
 * managers it closes (one per batch); the listener is called on that thread too.
 */
public final class RepresentationProbe {
    /** A label count meaning every training image (or {@link Options#labelsLimit} of them). */
    public static final int ALL = 0;

    private static final int BATCH = 128;

    private RepresentationProbe() {}

    /** The three columns of the probe's table. */
    public enum Method {
        D_FEATURES("D features"), RAW_PIXELS("raw pixels"), SUPERVISED("supervised");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** Column heading. */
        public String label() {
            return label;
        }
    }

    /**
     * What to measure.
     *
     * @param labelCounts labelled images per draw; {@link #ALL} for every training image
     * @param draws label draws per count
     * @param seed seeds the draws, the validation splits and the supervised networks
     * @param testLimit test images used (the first ones of the official split); 0 for all
     * @param labelsLimit at most this many labels for {@link #ALL} (class-balanced); 0 for none
     * @param validationFraction share of each draw held out to choose C and to early-stop
     * @param cGrid the SVM's C values tried
     * @param bnImages training images (a seeded random choice) for re-estimating BatchNorm
     * @param methods the columns to compute
     * @param supervisedMaxSteps step budget of the supervised baseline
     * @param supervisedPatience evaluations without improvement before it stops
     * @param supervisedMinStepsPerEvaluation steps between its evaluations, at least (and at least an epoch)
     * @param supervisedBatch its batch size
     * @param supervisedLearningRate its Adam learning rate (betas 0.9, 0.999)
     */
    public record Options(List<Integer> labelCounts, int draws, long seed, int testLimit, int labelsLimit,
            double validationFraction, double[] cGrid, int bnImages, Set<Method> methods, int supervisedMaxSteps,
            int supervisedPatience, int supervisedMinStepsPerEvaluation, int supervisedBatch,
            double supervisedLearningRate) {

        public Options {
            labelCounts = List.copyOf(labelCounts);
            methods = Set.copyOf(methods);
            cGrid = Arrays.stream(cGrid).sorted().distinct().toArray(); // ascending: the top of the grid is last
            if (labelCounts.isEmpty() || labelCounts.stream().anyMatch(c -> c < 0)) {
                throw new IllegalArgumentException("label counts must be positive (or ALL), got " + labelCounts);
            }
            if (draws < 1 || testLimit < 0 || labelsLimit < 0 || bnImages < 1 || methods.isEmpty()
                    || !(validationFraction > 0 && validationFraction < 1) || cGrid.length == 0
                    || Arrays.stream(cGrid).anyMatch(c -> !(c > 0 && c < Double.POSITIVE_INFINITY))
                    || supervisedMaxSteps < 1 || supervisedPatience < 1 || supervisedBatch < 1
                    || supervisedMinStepsPerEvaluation < 1 || !(supervisedLearningRate > 0)) {
                throw new IllegalArgumentException("bad probe options " + this);
            }
        }

        /** The protocol: 100, 1000 and all labels, 10 draws, seed 1, every test image. */
        public static Options defaults() {
            return new Options(List.of(100, 1000, ALL), 10, 1, 0, 0, 0.2, LinearSvm.DEFAULT_C_GRID, 4096,
                    EnumSet.allOf(Method.class), 3000, 8, 25, 64, 1e-3);
        }

        public Options withLabelCounts(List<Integer> counts) {
            return new Options(counts, draws, seed, testLimit, labelsLimit, validationFraction, cGrid, bnImages,
                    methods, supervisedMaxSteps, supervisedPatience, supervisedMinStepsPerEvaluation,
                    supervisedBatch, supervisedLearningRate);
        }

        public Options withDraws(int n) {
            return new Options(labelCounts, n, seed, testLimit, labelsLimit, validationFraction, cGrid, bnImages,
                    methods, supervisedMaxSteps, supervisedPatience, supervisedMinStepsPerEvaluation,
                    supervisedBatch, supervisedLearningRate);
        }

        public Options withSeed(long s) {
            return new Options(labelCounts, draws, s, testLimit, labelsLimit, validationFraction, cGrid, bnImages,
                    methods, supervisedMaxSteps, supervisedPatience, supervisedMinStepsPerEvaluation,
                    supervisedBatch, supervisedLearningRate);
        }

        public Options withLimits(int test, int labels) {
            return new Options(labelCounts, draws, seed, test, labels, validationFraction, cGrid, bnImages,
                    methods, supervisedMaxSteps, supervisedPatience, supervisedMinStepsPerEvaluation,
                    supervisedBatch, supervisedLearningRate);
        }

        public Options withMethods(Set<Method> m) {
            return new Options(labelCounts, draws, seed, testLimit, labelsLimit, validationFraction, cGrid, bnImages,
                    m, supervisedMaxSteps, supervisedPatience, supervisedMinStepsPerEvaluation, supervisedBatch,
                    supervisedLearningRate);
        }

        public Options withBnImages(int n) {
            return new Options(labelCounts, draws, seed, testLimit, labelsLimit, validationFraction, cGrid, n,
                    methods, supervisedMaxSteps, supervisedPatience, supervisedMinStepsPerEvaluation,
                    supervisedBatch, supervisedLearningRate);
        }

        public Options withSupervised(int maxSteps, int patience, int minStepsPerEvaluation) {
            return new Options(labelCounts, draws, seed, testLimit, labelsLimit, validationFraction, cGrid, bnImages,
                    methods, maxSteps, patience, minStepsPerEvaluation, supervisedBatch, supervisedLearningRate);
        }

        public Options withCGrid(double[] grid) {
            return new Options(labelCounts, draws, seed, testLimit, labelsLimit, validationFraction, grid, bnImages,
                    methods, supervisedMaxSteps, supervisedPatience, supervisedMinStepsPerEvaluation,
                    supervisedBatch, supervisedLearningRate);
        }

        /** Labels a count stands for, with {@code trainSize} training images. */
        public int resolve(int count, int trainSize) {
            int n = count == ALL ? trainSize : Math.min(count, trainSize);
            return count == ALL && labelsLimit > 0 ? Math.min(n, labelsLimit) : n;
        }

        /** Test images used, of {@code testSize}. */
        public int testImages(int testSize) {
            return testLimit == 0 ? testSize : Math.min(testLimit, testSize);
        }
    }

    /**
     * One label draw: indices into the training split.
     *
     * @param fit labelled images the classifiers are fitted on while choosing C / early stopping
     * @param validation labelled images held out to choose C and to early-stop
     */
    public record Draw(int labels, int index, int[] fit, int[] validation) {
        /** Every labelled image of the draw. */
        public int[] labelled() {
            return LinearSvm.concat(fit, validation);
        }
    }

    /**
     * One method on one draw.
     *
     * @param labels the label count as asked ({@link #ALL} for all)
     * @param labelled labelled images actually drawn
     * @param testError share of test images misclassified
     * @param validationError of the chosen C or the best early-stopping evaluation
     * @param c the chosen C (NaN for the supervised baseline)
     * @param steps supervised training steps run (0 for the SVMs)
     * @param bestStep step of the supervised evaluation kept (0 for the SVMs)
     * @param cGrid the C values the SVM tried, ascending (empty for the supervised baseline)
     * @param cValidationErrors the validation error of each of {@code cGrid}
     */
    public record DrawResult(int labels, int draw, Method method, int labelled, int fitSize, int validationSize,
            double testError, double validationError, double c, long steps, long bestStep, double seconds,
            double[] cGrid, double[] cValidationErrors) {
        public DrawResult {
            cGrid = cGrid == null ? new double[0] : cGrid.clone();
            cValidationErrors = cValidationErrors == null ? new double[0] : cValidationErrors.clone();
        }

        /**
         * Whether the SVM's chosen C is the largest value of a grid of several, with a validation
         * error below the next smaller C's: a larger C than was tried might do better.
         */
        public boolean cAtTopOfGrid() {
            int n = cGrid.length;
            return n > 1 && c == cGrid[n - 1] && cValidationErrors[n - 1] < cValidationErrors[n - 2];
        }
    }

    /** One cell of the table: mean and sample standard deviation of the test error over the draws. */
    public record Cell(int labels, Method method, double mean, double std, int n) {
        /** "12.34 ± 0.56 % (10 draws)"; one draw has no spread to show. */
        public String text() {
            if (n == 0) {
                return "-";
            }
            return n == 1 ? String.format(Locale.ROOT, "%.2f %% (1 draw)", 100 * mean)
                    : String.format(Locale.ROOT, "%.2f ± %.2f %% (%d draws)", 100 * mean, 100 * std, n);
        }
    }

    /** Everything a probe measured. */
    public record Result(Path checkpoint, DcganConfig config, Options options, int classes, int trainSize,
            int testSize, int featureCount, int pixelCount, List<DrawResult> draws, Map<String, Double> seconds) {

        /** The table cell of one label count and method. */
        public Cell cell(int labels, Method method) {
            double[] e = draws.stream().filter(r -> r.labels() == labels && r.method() == method)
                    .mapToDouble(DrawResult::testError).toArray();
            double mean = Arrays.stream(e).average().orElse(Double.NaN);
            double ss = 0;
            for (double v : e) {
                ss += (v - mean) * (v - mean);
            }
            return new Cell(labels, method, mean, e.length > 1 ? Math.sqrt(ss / (e.length - 1)) : 0, e.length);
        }
    }

    /** Thrown before any work when the probe would not fit in the Java heap. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    /**
     * One label count as the command line and the Evaluate tab take it: a whole number of at
     * least 2, or {@code all} ({@link #ALL}).
     *
     * @throws IllegalArgumentException with the reason, for anything else
     */
    public static int parseLabelCount(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("all")) {
            return ALL;
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 2) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("expected a whole number of at least 2, or 'all'");
    }

    /** Features per image of {@code cfg}'s discriminator: channels x 16 summed over its conv stages. */
    public static int featureCount(DcganConfig cfg) {
        int f = 0;
        for (int i = 0; i < cfg.stages(); i++) {
            f += (cfg.discriminatorFeatures() << i) * 16;
        }
        return f;
    }

    /** Java heap the probe needs at its peak, estimated (feature caches plus liblinear's rows). */
    public static long heapNeeded(Options o, DcganConfig cfg, int trainSize, int testSize) {
        return ProbeProtocol.heapNeeded(o, cfg, trainSize, testSize);
    }

    /**
     * A class-balanced, seeded draw of {@code count} labelled training images (as equal a share per
     * class as the classes allow), each class's images split into validation (its first
     * {@code round(validationFraction x share)}, at least one) and fit.
     *
     * @throws IllegalArgumentException if a class would get fewer than two labels
     */
    public static Draw draw(int[] labels, int classes, int count, double validationFraction, long seed, int index) {
        return ProbeProtocol.draw(labels, classes, count, validationFraction, seed, index);
    }

    /**
     * Runs the probe.
     *
     * @param checkpointDir the checkpoint whose discriminator is probed (read only)
     * @param data images at the checkpoint's size and channel count, with labels and test split
     * @throws TooLargeException if the probe would not fit in this JVM's heap (before any work)
     * @throws CancellationException if the listener cancels
     * @throws IOException if the checkpoint cannot be read, or an image
     */
    public static Result run(Path checkpointDir, LabelledIdx data, Options o, ProbeListener listener)
            throws IOException {
        long t0 = System.nanoTime();
        Checkpoint.Meta meta = Checkpoint.readMeta(checkpointDir);
        DcganConfig cfg = meta.config();
        ImageDataset train = data.train();
        ImageDataset test = data.test();
        ProbeProtocol.checkFits(o, cfg, train, test);
        int[] trainLabels = data.trainLabels();
        int[] testLabels = data.testLabels();
        int[] testIdx = ProbeData.range(o.testImages(test.size()));
        List<Draw> draws = ProbeProtocol.draws(o, trainLabels, data.classes(), train.size());
        boolean wantD = o.methods().contains(Method.D_FEATURES);
        int perDraw = (int) o.methods().stream().count();
        ProbeTracker track = new ProbeTracker(listener, (wantD ? 3 : 0) + draws.size() * perDraw, t0);
        Map<String, Double> seconds = new LinkedHashMap<>();
        ProbeFeatures.Cache features = wantD
                ? ProbeFeatures.extract(checkpointDir, cfg, train, test, draws, testIdx, o, track, listener, seconds)
                : null;

        // draw by draw, every method on each, so that a cancelled or failed probe has whole rows to show
        List<DrawResult> results = new ArrayList<>();
        IntFunction<float[]> rawTrain = i -> ProbeData.read(train, new int[] {i}, 0, 1);
        IntFunction<float[]> rawTest = i -> ProbeData.read(test, new int[] {i}, 0, 1);
        double svmD = 0;
        double svmRaw = 0;
        double sup = 0;
        for (Draw dr : draws) {
            String where = (dr.labels() == ALL ? "all" : Integer.toString(dr.labels())) + " labels, draw "
                    + (dr.index() + 1) + "/" + o.draws();
            if (wantD) {
                long t = System.nanoTime();
                track.phase("D features SVM, " + where, o.cGrid().length + 1);
                DrawResult r = ProbeFits.svm(Method.D_FEATURES, dr, i -> features.train()[i], i -> features.test()[i],
                        trainLabels, testLabels, testIdx, o, track, listener, t);
                svmD += r.seconds();
                results.add(r);
                listener.onDrawResult(r);
            }
            if (o.methods().contains(Method.RAW_PIXELS)) {
                long t = System.nanoTime();
                track.phase("raw pixels SVM, " + where, o.cGrid().length + 1);
                DrawResult r = ProbeFits.svm(Method.RAW_PIXELS, dr, rawTrain, rawTest, trainLabels, testLabels,
                        testIdx, o, track, listener, t);
                svmRaw += r.seconds();
                results.add(r);
                listener.onDrawResult(r);
            }
            if (o.methods().contains(Method.SUPERVISED)) {
                long t = System.nanoTime();
                track.phase("supervised, " + where, o.supervisedMaxSteps());
                DrawResult r = ProbeFits.supervised(dr, cfg, train, trainLabels, data.classes(), test, testLabels,
                        testIdx, o, track, listener, t);
                sup += r.seconds();
                results.add(r);
                listener.onDrawResult(r);
            }
        }
        if (wantD) {
            seconds.put("svm_d_features", svmD);
        }
        if (o.methods().contains(Method.RAW_PIXELS)) {
            seconds.put("svm_raw_pixels", svmRaw);
        }
        if (o.methods().contains(Method.SUPERVISED)) {
            seconds.put("supervised", sup);
        }
        seconds.put("total", ProbeTracker.secs(t0));
        return new Result(checkpointDir, cfg, o, data.classes(), train.size(), testIdx.length, featureCount(cfg),
                cfg.channels() * cfg.imageSize() * cfg.imageSize(), List.copyOf(results), seconds);
    }
}
