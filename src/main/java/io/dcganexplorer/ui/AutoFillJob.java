package io.dcganexplorer.ui;

import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.latent.AutoExemplars;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.ui.ArithmeticViewModel.AttributeFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The automatic exemplars: their settings (an attribute expression per group, the pool, exemplars
 * per group, whose features), the job's running flag, progress and status, and cancel. The work
 * itself is an {@link AutoExemplarSearch} on the generator's background thread; its result lands in
 * the {@link ExemplarGroups} and the {@link DirectionSliders} on the UI executor. Part of
 * {@link ArithmeticViewModel}; holds no Node.
 */
final class AutoFillJob {
    private final OpenGenerator generator;
    private final ExemplarGroups groups;
    private final ArithmeticGrids grids;
    private final DirectionSliders sliders;
    private final AttributeCnn cnn;
    private final BooleanSupplier sweepRunning;

    private final Map<String, StringProperty> expressions = Map.of("A", new SimpleStringProperty("smiling&!male"),
            "B", new SimpleStringProperty("!smiling&!male"), "C", new SimpleStringProperty("!smiling&male"));
    private final IntegerProperty pool = new SimpleIntegerProperty(2000);
    private final IntegerProperty members = new SimpleIntegerProperty(ArithmeticViewModel.DEFAULT_MEMBERS);
    private final ObjectProperty<AttributeFeatures> features = new SimpleObjectProperty<>(AttributeFeatures.CNN);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private volatile AtomicBoolean cancel = new AtomicBoolean();
    /** Real images the attribute classifier is fitted on and measured on. */
    private int classifierTrain = AttributeClassifier.DEFAULT_TRAIN;
    private int classifierTest = AttributeClassifier.DEFAULT_TEST;

    AutoFillJob(OpenGenerator generator, ExemplarGroups groups, ArithmeticGrids grids, DirectionSliders sliders,
            AttributeCnn cnn, BooleanSupplier sweepRunning) {
        this.generator = generator;
        this.groups = groups;
        this.grids = grids;
        this.sliders = sliders;
        this.cnn = cnn;
        this.sweepRunning = sweepRunning;
    }

    StringProperty expressionProperty(String g) {
        groups.of(g);
        return expressions.get(g);
    }

    IntegerProperty poolProperty() {
        return pool;
    }

    IntegerProperty membersProperty() {
        return members;
    }

    ObjectProperty<AttributeFeatures> featuresProperty() {
        return features;
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    void setClassifierSizes(int train, int test) {
        classifierTrain = train;
        classifierTest = test;
    }

    /** Starts an auto-fill (see {@link ArithmeticViewModel#autoFill()}); on the UI executor. */
    CompletableFuture<Void> start() {
        GeneratorSession session = generator.session();
        Path dir = generator.runDirectoryProperty().get();
        Path cp = generator.checkpointProperty().get();
        if (running.get() || sweepRunning.getAsBoolean() || session == null || dir == null || cp == null
                || !generator.readyProperty().get()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("no generator is loaded, or auto-fill runs"));
        }
        List<String> texts = ExemplarGroups.NAMES.stream().map(g -> expressions.get(g).get().trim()).toList();
        int poolSize = pool.get();
        int perGroup = members.get();
        if (perGroup < 1 || perGroup > ArithmeticViewModel.MAX_MEMBERS) {
            status.set("take 1 to " + ArithmeticViewModel.MAX_MEMBERS + " exemplars per group, not " + perGroup);
            return CompletableFuture.failedFuture(new IllegalArgumentException("exemplars per group: " + perGroup));
        }
        try {
            AutoExemplars.checkPool(poolSize, ExemplarGroups.NAMES.size(), perGroup);
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        AutoExemplarSearch search = new AutoExemplarSearch(dir, cp, session, texts, poolSize, perGroup,
                grids.noiseSeedProperty().get(), classifierTrain, classifierTest, features.get(),
                groups.groupMeanProperty().get());
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        running.set(true);
        progress.set(-1);
        status.set("reading the run's data ...");
        CompletableFuture<Void> done = new CompletableFuture<>();
        generator.background().execute(() -> {
            AutoExemplarSearch.Result result = null;
            String failure = null;
            try {
                result = search.run(cnn, stop::get, (text, p) -> generator.ui().execute(() -> {
                    progress.set(p);
                    status.set(text);
                }));
            } catch (CancellationException e) {
                failure = "cancelled: the groups are unchanged";
            } catch (IOException | RuntimeException e) {
                failure = "automatic exemplars failed: " + OpenGenerator.rootMessage(e);
            }
            AutoExemplarSearch.Result r = result;
            String f = failure;
            generator.ui().execute(() -> finish(dir, r, f, done));
        });
        return done;
    }

    /** Stops a running auto-fill after its current batch (the groups stay as they were); any thread. */
    void cancel() {
        cancel.set(true);
    }

    /** On the UI executor: the search's result into the groups and sliders, or why there is none. */
    private void finish(Path dir, AutoExemplarSearch.Result r, String failure, CompletableFuture<Void> done) {
        running.set(false);
        progress.set(r == null ? 0 : 1);
        if (r == null) {
            status.set(failure);
            done.completeExceptionally(new IllegalStateException(failure));
            return;
        }
        if (!dir.equals(generator.runDirectoryProperty().get())) {
            status.set("another run was opened meanwhile: the result was dropped");
            done.completeExceptionally(new IllegalStateException(status.get()));
            return;
        }
        groups.setAll(r.groups());
        status.set(r.summary());
        CompletableFuture.allOf(sliders.putDirections(r.directions()), groups.save())
                .whenComplete((v, e) -> done.complete(null));
    }
}
