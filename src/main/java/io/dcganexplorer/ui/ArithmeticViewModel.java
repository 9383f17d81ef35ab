package io.dcganexplorer.ui;

import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.GroupMean;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.ObjDoubleConsumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * Vector arithmetic (paper Fig. 7) on the explorer's generator: three exemplar groups A, B, C,
 * each averaged, {@code Y = mean(A) - mean(B) + mean(C)}, shown as a 3x3 grid with G(Y) in the
 * centre and G(Y + u) around it; beside it the naive grid from the first member of each group.
 * The groups are saved in the run's {@code latents.json} (sets "A", "B", "C") and loaded when a
 * run opens. Holds no Node; state changes only on the explorer's UI executor.
 *
 * <p>The facade the arithmetic view and the tests use, composed of small named parts:
 * {@link ExemplarGroups} (the groups and their means), {@link ArithmeticGrids} (compute and the
 * result grids), {@link AutoFillJob} (the automatic exemplars with progress and cancel; its work
 * is an {@link AutoExemplarSearch}), {@link AttributeCnn} (the real-pixel CNN, shared with the
 * sweep) and the {@link ArithmeticSweepViewModel}.
 */
public final class ArithmeticViewModel {
    public static final List<String> GROUPS = ExemplarGroups.NAMES;
    /** The paper averages three exemplars per concept: auto-fill's default. */
    public static final int DEFAULT_MEMBERS = 3;
    /** The most exemplars per group auto-fill and the sweep take. */
    public static final int MAX_MEMBERS = ArithmeticEvaluation.MAX_PER_GROUP;

    private final ExploreViewModel explore;
    private final ExemplarGroups groups;
    private final ArithmeticGrids grids;
    private final AttributeCnn cnn = new AttributeCnn();
    private final AutoFillJob auto;
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
        OpenGenerator generator = explore.generator();
        this.sweep = new ArithmeticSweepViewModel(this);
        this.groups = new ExemplarGroups(generator, explore.saved(), explore.current());
        this.grids = new ArithmeticGrids(generator, groups);
        this.auto = new AutoFillJob(generator, groups, grids, explore.sliders(), cnn,
                () -> sweep.runningProperty().get());
    }

    /** The sweep over the run's checkpoints with this panel's automatic-exemplar settings. */
    public ArithmeticSweepViewModel sweep() {
        return sweep;
    }

    /** The explorer whose generator and current z this panel uses. */
    public ExploreViewModel explore() {
        return explore;
    }

    // The groups and their means

    /** The members of group {@code name} ("A", "B" or "C"). */
    public ObservableList<float[]> group(String name) {
        return groups.view(name);
    }

    /** The rendered mean of group {@code name}; null while it is empty. */
    public ReadOnlyObjectProperty<Pixels> meanImageProperty(String name) {
        return groups.meanImageProperty(name);
    }

    /**
     * How each group becomes one vector: the paper's plain mean (default) or the mean rescaled to
     * its members' norm, so that Y is as long as the single exemplars' a - b + c ({@link GroupMean}).
     */
    public ObjectProperty<GroupMean> groupMeanProperty() {
        return groups.groupMeanProperty();
    }

    /** The vector that stands for a group, as {@link #groupMeanProperty()} says (null while empty). */
    public float[] mean(String name) {
        return groups.mean(name);
    }

    /** Adds the explorer's current z to group {@code name}. */
    public void addCurrent(String name) {
        groups.addCurrent(name);
    }

    public void clear(String name) {
        groups.of(name).clear();
    }

    /** Saves the three groups as sets "A", "B", "C" in the run's latents.json, off the UI thread. */
    public CompletableFuture<Void> saveGroups() {
        return groups.save();
    }

    /** Replaces the groups with those saved in the run (if any); called when a generator loads. */
    public CompletableFuture<Void> loadGroups() {
        return groups.load();
    }

    // The result grids

    /** Half-width of the uniform noise around Y in the outer eight cells. */
    public DoubleProperty scaleProperty() {
        return grids.scaleProperty();
    }

    public LongProperty noiseSeedProperty() {
        return grids.noiseSeedProperty();
    }

    /** The 3x3 result, row-major; G(Y) at index 4. */
    public ObservableList<Pixels> results() {
        return grids.results();
    }

    /** The same grid from single exemplars (the first member of each group). */
    public ObservableList<Pixels> naiveResults() {
        return grids.naiveResults();
    }

    /** The latent vectors of {@link #results()} after the last compute (copies). */
    public List<float[]> resultVectors() {
        return grids.resultVectors();
    }

    public BooleanBinding canComputeProperty() {
        return grids.canComputeProperty();
    }

    /** Renders the averaged and the naive 3x3 grids. */
    public CompletableFuture<Void> compute() {
        return grids.compute();
    }

    // The automatic exemplars

    /** The attribute expression whose top-scoring samples fill group {@code g}, e.g. {@code smiling&!male}. */
    public StringProperty autoExpressionProperty(String g) {
        return auto.expressionProperty(g);
    }

    /** How many generated samples are scored to choose the exemplars. */
    public IntegerProperty autoPoolProperty() {
        return auto.poolProperty();
    }

    /**
     * Exemplars per group that auto-fill and the sweep take, 1 to {@link #MAX_MEMBERS} (default
     * {@link #DEFAULT_MEMBERS}, the paper's three; more average away more of what each exemplar
     * shows besides its expression).
     */
    public IntegerProperty autoMembersProperty() {
        return auto.membersProperty();
    }

    public ReadOnlyBooleanProperty autoRunningProperty() {
        return auto.runningProperty();
    }

    /** 0..1 while scoring; -1 while the classifier trains (no measure of progress there). */
    public ReadOnlyDoubleProperty autoProgressProperty() {
        return auto.progressProperty();
    }

    /** What the automatic exemplars are doing, with time left; then their result or why they failed. */
    public ReadOnlyStringProperty autoStatusProperty() {
        return auto.statusProperty();
    }

    /** Features the auto-fill's attribute probes read; the real-pixel CNN by default. */
    public ObjectProperty<AttributeFeatures> autoFeaturesProperty() {
        return auto.featuresProperty();
    }

    /** Smaller classifier data for tests on tiny runs. */
    void setClassifierSizes(int train, int test) {
        auto.setClassifierSizes(train, test);
    }

    /** Where the CNN scorer is cached and how one not cached yet is trained (tests use a temporary folder). */
    void setScorerCache(Path cacheRoot, Scorer.Options options) {
        cnn.setCache(cacheRoot, options);
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
        return auto.start();
    }

    /**
     * Stops a running {@link #autoFill()} after its current batch (the groups stay as they were),
     * and a running sweep after its current round.
     * May be called from any thread (the window's way out calls it).
     */
    public void cancelAuto() {
        auto.cancel();
        sweep.cancel();
    }

    /**
     * The dataset's real-pixel CNN from this panel's scorer cache, or trained now and cached; its
     * progress goes to {@code status} (fraction, -1 while unknown; text after {@code prefix}).
     * Shared by auto-fill and the sweep.
     */
    Scorer openCnn(RunDirectory run, DcganConfig cfg, String prefix, BooleanSupplier cancelled,
            ObjDoubleConsumer<String> status) throws IOException {
        return cnn.open(run, cfg, prefix, cancelled, status);
    }
}
