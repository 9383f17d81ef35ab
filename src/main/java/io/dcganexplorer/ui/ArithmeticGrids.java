package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.Latent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The arithmetic's two 3x3 result grids: {@code Y = mean(A) - mean(B) + mean(C)} from the
 * {@link ExemplarGroups}, G(Y) in the centre and G(Y + u) around it, and the naive grid from the
 * first member of each group; with the noise's half-width and seed. Part of
 * {@link ArithmeticViewModel}; holds no Node and changes only on the explorer's UI executor.
 */
final class ArithmeticGrids {
    private final OpenGenerator generator;
    private final ExemplarGroups groups;

    private final DoubleProperty scale = new SimpleDoubleProperty(0.25);
    private final LongProperty noiseSeed = new SimpleLongProperty(1);
    private final ObservableList<Pixels> results = FXCollections.observableArrayList();
    private final ObservableList<Pixels> naiveResults = FXCollections.observableArrayList();
    // Read-only views made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final ObservableList<Pixels> resultsView = FXCollections.unmodifiableObservableList(results);
    private final ObservableList<Pixels> naiveResultsView = FXCollections.unmodifiableObservableList(naiveResults);
    private List<float[]> resultVectors = List.of();
    private final BooleanBinding canCompute;

    ArithmeticGrids(OpenGenerator generator, ExemplarGroups groups) {
        this.generator = generator;
        this.groups = groups;
        canCompute = Bindings.isNotEmpty(groups.of("A")).and(Bindings.isNotEmpty(groups.of("B")))
                .and(Bindings.isNotEmpty(groups.of("C"))).and(generator.readyProperty());
    }

    /** Half-width of the uniform noise around Y in the outer eight cells. */
    DoubleProperty scaleProperty() {
        return scale;
    }

    /** The seed of that noise (auto-fill and the sweep seed their samples with it too). */
    LongProperty noiseSeedProperty() {
        return noiseSeed;
    }

    /** The 3x3 result, row-major; G(Y) at index 4. */
    ObservableList<Pixels> results() {
        return resultsView;
    }

    /** The same grid from single exemplars (the first member of each group). */
    ObservableList<Pixels> naiveResults() {
        return naiveResultsView;
    }

    /** The latent vectors of {@link #results()} after the last compute (copies). */
    List<float[]> resultVectors() {
        return resultVectors.stream().map(float[]::clone).toList();
    }

    /** True while every group has a member and a generator is ready. */
    BooleanBinding canComputeProperty() {
        return canCompute;
    }

    /** Renders the averaged and the naive 3x3 grids. */
    CompletableFuture<Void> compute() {
        if (!canCompute.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("every group needs a member"));
        }
        float[] y = Latent.arithmetic(groups.mean("A"), groups.mean("B"), groups.mean("C"));
        float[] naive = Latent.arithmetic(groups.of("A").get(0), groups.of("B").get(0), groups.of("C").get(0));
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
}
