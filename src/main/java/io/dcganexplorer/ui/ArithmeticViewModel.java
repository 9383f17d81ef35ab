package io.dcganexplorer.ui;

import io.dcganexplorer.data.AttributeTable;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.ImageFeatures;
import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.GroupMean;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.RunDirectory;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import io.dcganexplorer.latent.Latent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Vector arithmetic (paper Fig. 7) on the explorer's generator: three exemplar groups A, B, C,
 * each averaged, {@code Y = mean(A) - mean(B) + mean(C)}, shown as a 3x3 grid with G(Y) in the
 * centre and G(Y + u) around it; beside it the naive grid from the first member of each group.
 * The groups are saved in the run's {@code latents.json} (sets "A", "B", "C") and loaded when a
 * run opens. Holds no Node; state changes only on the explorer's UI executor.
 */
public final class ArithmeticViewModel {
    public static final List<String> GROUPS = List.of("A", "B", "C");
    /** The paper averages three exemplars per concept: auto-fill's default. */
    public static final int DEFAULT_MEMBERS = 3;
    /** The most exemplars per group auto-fill and the sweep take. */
    public static final int MAX_MEMBERS = io.dcganexplorer.latent.ArithmeticEvaluation.MAX_PER_GROUP;

    private final ExploreViewModel explore;
    // The parts of the explorer this panel uses, named so its dependencies show.
    private final OpenGenerator generator;
    private final SavedLatents latents;
    private final CurrentLatent current;
    private final DirectionSliders sliders;

    // Properties
    private final Map<String, ObservableList<float[]>> groups = Map.of("A", FXCollections.observableArrayList(),
            "B", FXCollections.observableArrayList(), "C", FXCollections.observableArrayList());
    private final Map<String, ReadOnlyObjectWrapper<Pixels>> meanImages = Map.of("A", new ReadOnlyObjectWrapper<>(),
            "B", new ReadOnlyObjectWrapper<>(), "C", new ReadOnlyObjectWrapper<>());
    private final DoubleProperty scale = new SimpleDoubleProperty(0.25);
    private final ObjectProperty<GroupMean> groupMean = new SimpleObjectProperty<>(GroupMean.PLAIN);
    private final LongProperty noiseSeed = new SimpleLongProperty(1);
    private final ObservableList<Pixels> results = FXCollections.observableArrayList();
    private final ObservableList<Pixels> naiveResults = FXCollections.observableArrayList();
    // Read-only views made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final Map<String, ObservableList<float[]>> groupViews = Map.of(
            "A", FXCollections.unmodifiableObservableList(groups.get("A")),
            "B", FXCollections.unmodifiableObservableList(groups.get("B")),
            "C", FXCollections.unmodifiableObservableList(groups.get("C")));
    private final ObservableList<Pixels> resultsView = FXCollections.unmodifiableObservableList(results);
    private final ObservableList<Pixels> naiveResultsView = FXCollections.unmodifiableObservableList(naiveResults);
    private List<float[]> resultVectors = List.of();
    private final BooleanBinding canCompute;
    private final Map<String, StringProperty> autoExpressions = Map.of("A", new SimpleStringProperty("smiling&!male"),
            "B", new SimpleStringProperty("!smiling&!male"), "C", new SimpleStringProperty("!smiling&male"));
    private final IntegerProperty autoPool = new SimpleIntegerProperty(2000);
    private final IntegerProperty autoMembers = new SimpleIntegerProperty(DEFAULT_MEMBERS);
    private final ReadOnlyBooleanWrapper autoRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper autoProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper autoStatus = new ReadOnlyStringWrapper("");
    private volatile AtomicBoolean autoCancel = new AtomicBoolean();
    /** Real images the attribute classifier is fitted on and measured on. */
    private int classifierTrain = AttributeClassifier.DEFAULT_TRAIN;
    private int classifierTest = AttributeClassifier.DEFAULT_TEST;
    private final ObjectProperty<AttributeFeatures> autoFeatures = new SimpleObjectProperty<>(AttributeFeatures.CNN);
    private volatile Path scorerCache = Scorer.defaultCacheRoot();
    private volatile Scorer.Options scorerOptions = Scorer.Options.DEFAULT;
    private final ArithmeticSweepViewModel sweep;

    /** Whose features the auto-fill's attribute probes read. */
    public enum AttributeFeatures {
        /**
         * The CNN that the sample-quality score trains on the dataset's real pixels (once per dataset
         * and size, then cached). On the full-width 64x64 faces run it called 37% of generated samples
         * smiling (real faces: 50%) where the discriminator's features called 77%, mostly without a smile.
         */
        CNN("real-pixel CNN"),
        /** The run's discriminator: nothing to train first, but it judges G's images by G's adversary. */
        DISCRIMINATOR("discriminator");

        private final String label;

        AttributeFeatures(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public ArithmeticViewModel(ExploreViewModel explore) {
        this.explore = explore;
        this.generator = explore.generator();
        this.latents = explore.saved();
        this.current = explore.current();
        this.sliders = explore.sliders();
        this.sweep = new ArithmeticSweepViewModel(this);
        canCompute = Bindings.isNotEmpty(groups.get("A")).and(Bindings.isNotEmpty(groups.get("B")))
                .and(Bindings.isNotEmpty(groups.get("C"))).and(generator.readyProperty());
        for (String g : GROUPS) {
            groups.get(g).addListener((ListChangeListener<float[]>) c -> renderMean(g));
        }
        generator.sessionVersionProperty().addListener((obs, o, n) -> loadGroups());
        groupMean.addListener((obs, o, n) -> {
            if (n == null) {
                groupMean.set(o);
                return;
            }
            GROUPS.forEach(this::renderMean);
        });
    }

    /** The sweep over the run's checkpoints with this panel's automatic-exemplar settings. */
    public ArithmeticSweepViewModel sweep() {
        return sweep;
    }

    /** The explorer whose generator and current z this panel uses. */
    public ExploreViewModel explore() {
        return explore;
    }

    /** The members of group {@code name} ("A", "B" or "C"). */
    public ObservableList<float[]> group(String name) {
        groupOf(name);
        return groupViews.get(name);
    }

    /** The rendered mean of group {@code name}; null while it is empty. */
    public ReadOnlyObjectProperty<Pixels> meanImageProperty(String name) {
        ReadOnlyObjectWrapper<Pixels> w = meanImages.get(name);
        if (w == null) {
            throw new IllegalArgumentException("no group " + name);
        }
        return w.getReadOnlyProperty();
    }

    /** Half-width of the uniform noise around Y in the outer eight cells. */
    public DoubleProperty scaleProperty() {
        return scale;
    }

    public LongProperty noiseSeedProperty() {
        return noiseSeed;
    }

    /** The 3x3 result, row-major; G(Y) at index 4. */
    public ObservableList<Pixels> results() {
        return resultsView;
    }

    /** The same grid from single exemplars (the first member of each group). */
    public ObservableList<Pixels> naiveResults() {
        return naiveResultsView;
    }

    /** The latent vectors of {@link #results()} after the last compute (copies). */
    public List<float[]> resultVectors() {
        return resultVectors.stream().map(float[]::clone).toList();
    }

    public BooleanBinding canComputeProperty() {
        return canCompute;
    }

    /** The attribute expression whose top-scoring samples fill group {@code g}, e.g. {@code smiling&!male}. */
    public StringProperty autoExpressionProperty(String g) {
        groupOf(g);
        return autoExpressions.get(g);
    }

    /** How many generated samples are scored to choose the exemplars. */
    public IntegerProperty autoPoolProperty() {
        return autoPool;
    }

    /**
     * Exemplars per group that auto-fill and the sweep take, 1 to {@link #MAX_MEMBERS} (default
     * {@link #DEFAULT_MEMBERS}, the paper's three; more average away more of what each exemplar
     * shows besides its expression).
     */
    public IntegerProperty autoMembersProperty() {
        return autoMembers;
    }

    public ReadOnlyBooleanProperty autoRunningProperty() {
        return autoRunning.getReadOnlyProperty();
    }

    /** 0..1 while scoring; -1 while the classifier trains (no measure of progress there). */
    public ReadOnlyDoubleProperty autoProgressProperty() {
        return autoProgress.getReadOnlyProperty();
    }

    /** What the automatic exemplars are doing, with time left; then their result or why they failed. */
    public ReadOnlyStringProperty autoStatusProperty() {
        return autoStatus.getReadOnlyProperty();
    }

    /** Smaller classifier data for tests on tiny runs. */
    void setClassifierSizes(int train, int test) {
        classifierTrain = train;
        classifierTest = test;
    }

    /** Where the CNN scorer is cached and how one not cached yet is trained (tests use a temporary folder). */
    void setScorerCache(Path cacheRoot, Scorer.Options options) {
        scorerCache = cacheRoot;
        scorerOptions = options;
    }

    /** Features the auto-fill's attribute probes read; the real-pixel CNN by default. */
    public ObjectProperty<AttributeFeatures> autoFeaturesProperty() {
        return autoFeatures;
    }

    /**
     * How each group becomes one vector: the paper's plain mean (default) or the mean rescaled to
     * its members' norm, so that Y is as long as the single exemplars' a - b + c ({@link GroupMean}).
     */
    public ObjectProperty<GroupMean> groupMeanProperty() {
        return groupMean;
    }

    /** The vector that stands for a group, as {@link #groupMeanProperty()} says (null while empty). */
    public float[] mean(String name) {
        List<float[]> g = groupOf(name);
        return g.isEmpty() ? null : groupMean.get().of(new ArrayList<>(g));
    }

    // Commands

    /** Adds the explorer's current z to group {@code name}. */
    public void addCurrent(String name) {
        float[] z = current.currentZProperty().get();
        if (z != null) {
            groupOf(name).add(z.clone());
        }
    }

    public void clear(String name) {
        groupOf(name).clear();
    }

    /** Renders the averaged and the naive 3x3 grids. */
    public CompletableFuture<Void> compute() {
        if (!canCompute.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("every group needs a member"));
        }
        float[] y = Latent.arithmetic(mean("A"), mean("B"), mean("C"));
        float[] naive = Latent.arithmetic(groupOf("A").get(0), groupOf("B").get(0), groupOf("C").get(0));
        float s = (float) scale.get();
        List<float[]> averaged = Latent.noiseGrid(y, s, noiseSeed.get());
        List<float[]> single = Latent.noiseGrid(naive, s, noiseSeed.get());
        List<float[]> all = new ArrayList<>(averaged);
        all.addAll(single);
        CompletableFuture<Void> done = new CompletableFuture<>();
        generator.render(all).whenComplete((images, e) -> generator.ui().execute(() -> {
            if (e != null) {
                generator.reportError("could not compute the arithmetic: " + OpenGenerator.rootMessage(e));
                done.completeExceptionally(e);
                return;
            }
            resultVectors = List.copyOf(averaged);
            results.setAll(images.subList(0, 9));
            naiveResults.setAll(images.subList(9, 18));
            done.complete(null);
        }));
        return done;
    }

    /**
     * Automatic exemplars: fits a linear attribute classifier on the {@link #autoFeaturesProperty()}
     * features (the real-pixel CNN, trained first if not cached, or the discriminator) of the run's
     * real images, scores {@link #autoPoolProperty()} generated samples and fills each group
     * with the {@link #autoMembersProperty()} samples most likely to match its expression; adds one slider
     * direction per attribute (mean z of the likeliest minus the least likely quarter), then saves
     * the groups and directions with the run. The groups stay editable. Cancel with {@link #cancelAuto()}.
     */
    public CompletableFuture<Void> autoFill() {
        GeneratorSession session = generator.session();
        Path dir = generator.runDirectoryProperty().get();
        Path cp = generator.checkpointProperty().get();
        if (autoRunning.get() || sweep.runningProperty().get() || session == null || dir == null || cp == null
                || !generator.readyProperty().get()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("no generator is loaded, or auto-fill runs"));
        }
        List<String> texts = GROUPS.stream().map(g -> autoExpressions.get(g).get().trim()).toList();
        int poolSize = autoPool.get();
        int members = autoMembers.get();
        if (members < 1 || members > MAX_MEMBERS) {
            autoStatus.set("take 1 to " + MAX_MEMBERS + " exemplars per group, not " + members);
            return CompletableFuture.failedFuture(new IllegalArgumentException("exemplars per group: " + members));
        }
        try {
            AutoExemplars.checkPool(poolSize, GROUPS.size(), members);
        } catch (IllegalArgumentException e) {
            autoStatus.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        long seed = noiseSeed.get();
        int nTrain = classifierTrain;
        int nTest = classifierTest;
        AttributeFeatures kind = autoFeatures.get();
        GroupMean means = groupMean.get();
        AtomicBoolean cancel = new AtomicBoolean();
        autoCancel = cancel;
        autoRunning.set(true);
        autoProgress.set(-1);
        autoStatus.set("reading the run's data ...");
        CompletableFuture<Void> done = new CompletableFuture<>();
        generator.background().execute(() -> {
            AutoResult result = null;
            String failure = null;
            try {
                result = runAuto(dir, cp, session, texts, poolSize, members, seed, nTrain, nTest, kind, means, cancel);
            } catch (CancellationException e) {
                failure = "cancelled: the groups are unchanged";
            } catch (IOException | RuntimeException e) {
                failure = "automatic exemplars failed: " + OpenGenerator.rootMessage(e);
            }
            AutoResult r = result;
            String f = failure;
            generator.ui().execute(() -> {
                autoRunning.set(false);
                autoProgress.set(r == null ? 0 : 1);
                if (r == null) {
                    autoStatus.set(f);
                    done.completeExceptionally(new IllegalStateException(f));
                    return;
                }
                if (!dir.equals(generator.runDirectoryProperty().get())) {
                    autoStatus.set("another run was opened meanwhile: the result was dropped");
                    done.completeExceptionally(new IllegalStateException(autoStatus.get()));
                    return;
                }
                for (int i = 0; i < GROUPS.size(); i++) {
                    groupOf(GROUPS.get(i)).setAll(r.groups().get(i));
                }
                autoStatus.set(r.summary());
                CompletableFuture.allOf(sliders.putDirections(r.directions()), saveGroups())
                        .whenComplete((v, e) -> done.complete(null));
            });
        });
        return done;
    }

    /**
     * Stops a running {@link #autoFill()} after its current batch (the groups stay as they were),
     * and a running sweep after its current round.
     * May be called from any thread (the window's way out calls it).
     */
    public void cancelAuto() {
        autoCancel.set(true);
        sweep.cancel();
    }

    private record AutoResult(List<List<float[]>> groups, List<DirectionSliders.Direction> directions,
            String summary) {}

    /** The work of {@link #autoFill()}, on a background thread. */
    private AutoResult runAuto(Path dir, Path cp, GeneratorSession session, List<String> texts, int poolSize,
            int members, long seed, int nTrain, int nTest, AttributeFeatures kind, GroupMean means,
            AtomicBoolean cancel) throws IOException {
        RunDirectory run = RunDirectory.open(dir);
        DcganConfig cfg = session.config();
        try (ImageDataset data = DatasetSpec.parse(run.options().dataset()).open(cfg.imageSize(), cfg.channels(),
                run.options().seed());
                DiscriminatorFeatures features = DiscriminatorFeatures.open(cp);
                Scorer cnn = kind == AttributeFeatures.CNN ? openCnn(run, cfg, cancel) : null) {
            AttributeTable table = data.attributes().orElseThrow(() -> new IOException(data.description()
                    + " has no attributes: automatic exemplars need data such as the built-in faces or CelebA"));
            List<AttributeExpression> exprs = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < texts.size(); i++) {
                try {
                    exprs.add(AttributeExpression.parse(texts.get(i), table));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("group " + GROUPS.get(i) + ": " + e.getMessage(), e);
                }
                names.addAll(exprs.get(i).names());
            }
            long read = System.nanoTime();
            ImageFeatures probed = cnn != null ? cnn.features() : features;
            String whose = cnn != null ? "real-pixel CNN" : "discriminator";
            AttributeClassifier clf = AttributeClassifier.train(probed, data, List.copyOf(names), nTrain, nTest,
                    seed, (n, total) -> {
                        if (cancel.get()) {
                            throw new CancellationException();
                        }
                        if (n == total) {
                            status(-1, "fitting the attribute classifier " + names + " on the features of " + total
                                    + " real images of " + data.description() + " ...");
                        } else {
                            status((double) n / total, "1/2: " + whose + " features of real images: " + n + " of "
                                    + total + ", " + timeLeft(read, n, total));
                        }
                    });
            if (cancel.get()) {
                throw new CancellationException();
            }
            long start = System.nanoTime();
            AutoExemplars.Pool pool = AutoExemplars.score(session, features, clf, poolSize, seed,
                    new AutoExemplars.Progress() {
                        @Override
                        public void scored(int n, int total) {
                            status((double) n / total, "2/2: scored " + n + " of " + total + " generated samples, "
                                    + timeLeft(start, n, total));
                        }

                        @Override
                        public boolean cancelled() {
                            return cancel.get();
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
                    + transferNote(session, clf, pool, exprs, groups, table, means);
            return new AutoResult(groups, dirs, summary);
        }
    }

    /**
     * Whether this generator can do the arithmetic at all: mean(A) - mean(B) added to other pool
     * samples of C's expression, the share that then show the target (as {@code arithmetic --auto}
     * reports). Empty when no target follows from the groups or the pool has no other such sample.
     */
    private static String transferNote(GeneratorSession session, AttributeClassifier clf, AutoExemplars.Pool pool,
            List<AttributeExpression> exprs, List<List<float[]>> groups, AttributeTable table, GroupMean means) {
        AttributeExpression goal;
        try {
            goal = AttributeExpression.arithmeticTarget(exprs, table);
        } catch (IllegalArgumentException e) {
            return "";
        }
        List<float[]> others = AutoExemplars.typical(pool, exprs.get(2), groups,
                io.dcganexplorer.latent.ArithmeticEvaluation.TRANSFER_SAMPLES);
        Double t = AutoExemplars.transfer(session, clf, others, means.direction(groups.get(0), groups.get(1)), goal);
        return t == null ? "" : String.format(". mean(A) - mean(B) makes %.0f%% of %d other samples called %s show %s "
                + "(where this share is low, the change does not carry over to that kind)", 100 * t, others.size(),
                exprs.get(2).text(), goal.text());
    }

    /** The dataset's real-pixel CNN, loaded from the cache or trained now (with progress; cancellable). */
    private Scorer openCnn(RunDirectory run, DcganConfig cfg, AtomicBoolean cancel) throws IOException {
        return openCnn(run, cfg, "0/2: ", cancel::get, (text, progress) -> status(progress, text));
    }

    /**
     * The dataset's real-pixel CNN from this panel's scorer cache, or trained now and cached; its
     * progress goes to {@code status} (fraction, -1 while unknown; text after {@code prefix}).
     * Shared by auto-fill and the sweep.
     */
    Scorer openCnn(RunDirectory run, DcganConfig cfg, String prefix, java.util.function.BooleanSupplier cancelled,
            java.util.function.ObjDoubleConsumer<String> status) throws IOException {
        long start = System.nanoTime();
        status.accept(prefix + "loading the real-pixel attribute CNN, or training it once for this dataset and "
                + "size ...", -1);
        return Scorer.open(DatasetSpec.parse(run.options().dataset()), cfg.imageSize(), cfg.channels(),
                run.options().seed(), scorerCache, scorerOptions, new Scorer.Progress() {
                    @Override
                    public void say(String line) {
                        status.accept(prefix + line, -1);
                    }

                    @Override
                    public void training(long done, long total, double loss) {
                        status.accept(String.format("%straining the real-pixel attribute CNN (once, then cached): "
                                + "%d of %d images, loss %.3f, %s", prefix, done, total, loss,
                                timeLeft(start, (int) done, (int) total)), (double) done / total);
                    }
                }, cancelled);
    }

    /** "about m:ss left" from the rate since {@code startNanos}. */
    private static String timeLeft(long startNanos, int done, int total) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return "about " + Eta.format(s / Math.max(1, done) * (total - done)) + " left";
    }

    private void status(double progress, String text) {
        generator.ui().execute(() -> {
            autoProgress.set(progress);
            autoStatus.set(text);
        });
    }

    /** Saves the three groups as sets "A", "B", "C" in the run's latents.json, off the UI thread. */
    public CompletableFuture<Void> saveGroups() {
        Path dir = generator.runDirectoryProperty().get();
        int dim = generator.latentDimProperty().get();
        if (dir == null || dim == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("no run is open"));
        }
        Map<String, List<float[]>> copy = Map.of("A", List.copyOf(groupOf("A")), "B", List.copyOf(groupOf("B")),
                "C", List.copyOf(groupOf("C")));
        return latents.save("groups A, B, C", store -> {
            for (String g : GROUPS) {
                store.putSet(g, copy.get(g));
            }
        });
    }

    /** Replaces the groups with those saved in the run (if any); called when a generator loads. */
    public CompletableFuture<Void> loadGroups() {
        return latents.loadSetsInto(groups, "groups A, B and C");
    }

    private ObservableList<float[]> groupOf(String name) {
        ObservableList<float[]> g = groups.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no group " + name + "; the groups are A, B and C");
        }
        return g;
    }

    private void renderMean(String name) {
        float[] m = mean(name);
        if (m == null) {
            meanImages.get(name).set(null);
            return;
        }
        generator.render(List.of(m)).whenComplete((images, e) -> generator.ui().execute(() -> {
            if (e == null && java.util.Arrays.equals(m, mean(name))) {
                meanImages.get(name).set(images.get(0));
            }
        }));
    }
}
