package io.dcganexplorer.ui;

import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.Latent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The direction tool (paper Fig. 8): groups P and Q filled from the current z, and a named
 * direction mean(P) - mean(Q) (the paper's "turn" vector from left- minus right-facing samples);
 * any direction applied to the current z along a line of strengths; and the principal directions
 * of chosen points. Directions become sliders in the explorer and are saved with P and Q in the
 * run's latents.json. Holds no Node; state changes only on the explorer's UI executor.
 */
public final class DirectionsViewModel {
    public static final List<String> GROUPS = List.of("P", "Q");

    /** Where principal directions are computed from. */
    public enum Source {
        SAMPLES("sample grid"), WALK("walk points"), ARITHMETIC("groups A, B, C"), DIRECTION_GROUPS("groups P, Q");

        private final String text;

        Source(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final ExploreViewModel explore;
    // The parts of the explorer this panel uses, named so its dependencies show.
    private final OpenGenerator generator;
    private final SavedLatents latents;
    private final CurrentLatent current;
    private final DirectionSliders sliders;
    private final LatentWalk walk;
    private final ArithmeticViewModel arithmetic;

    // Properties
    private final Map<String, ObservableList<float[]>> groups = Map.of("P", FXCollections.observableArrayList(),
            "Q", FXCollections.observableArrayList());
    private final Map<String, ObservableList<float[]>> groupViews = Map.of(
            "P", FXCollections.unmodifiableObservableList(groups.get("P")),
            "Q", FXCollections.unmodifiableObservableList(groups.get("Q")));
    private final StringProperty name = new SimpleStringProperty("turn");
    private final ObjectProperty<DirectionSliders.Direction> lineDirection = new SimpleObjectProperty<>();
    private final DoubleProperty lineStrength = new SimpleDoubleProperty(2);
    private final IntegerProperty lineFrames = new SimpleIntegerProperty(7);
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.SAMPLES);
    private final ObservableList<Pixels> lineImages = FXCollections.observableArrayList();
    private final ObservableList<Pixels> lineImagesView = FXCollections.unmodifiableObservableList(lineImages);
    private final BooleanBinding canMake;
    private final BooleanBinding canRenderLine;

    public DirectionsViewModel(ExploreViewModel explore, ArithmeticViewModel arithmetic) {
        this.explore = explore;
        this.generator = explore.generator();
        this.latents = explore.saved();
        this.current = explore.current();
        this.sliders = explore.sliders();
        this.walk = explore.walk();
        this.arithmetic = arithmetic;
        canMake = Bindings.isNotEmpty(groups.get("P")).and(Bindings.isNotEmpty(groups.get("Q")))
                .and(name.isNotEmpty()).and(generator.readyProperty());
        canRenderLine = lineDirection.isNotNull().and(current.currentZProperty().isNotNull())
                .and(generator.readyProperty());
        generator.sessionVersionProperty().addListener((obs, o, n) -> loadGroups());
        // The line follows the slider list: a removed direction is no longer offered.
        sliders.directions().addListener((ListChangeListener<DirectionSliders.Direction>) c -> {
            DirectionSliders.Direction d = lineDirection.get();
            if (d != null) {
                lineDirection.set(sliders.direction(d.name()));
            }
            if (lineDirection.get() == null && !sliders.directions().isEmpty()) {
                lineDirection.set(sliders.directions().get(sliders.directions().size() - 1));
            }
        });
    }

    public ExploreViewModel explore() {
        return explore;
    }

    public ObservableList<float[]> group(String g) {
        groupOf(g);
        return groupViews.get(g);
    }

    /** Name of the direction {@link #make()} creates. */
    public StringProperty nameProperty() {
        return name;
    }

    /** The direction the line of strengths is rendered along. */
    public ObjectProperty<DirectionSliders.Direction> lineDirectionProperty() {
        return lineDirection;
    }

    /** The line runs from -strength to +strength. */
    public DoubleProperty lineStrengthProperty() {
        return lineStrength;
    }

    public IntegerProperty lineFramesProperty() {
        return lineFrames;
    }

    /** The rendered line: G(z + s d) for s from -strength to +strength. */
    public ObservableList<Pixels> lineImages() {
        return lineImagesView;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    public BooleanBinding canMakeProperty() {
        return canMake;
    }

    public BooleanBinding canRenderLineProperty() {
        return canRenderLine;
    }

    // Commands

    public void addCurrent(String g) {
        float[] z = current.currentZProperty().get();
        if (z != null) {
            groupOf(g).add(z.clone());
        }
    }

    public void clear(String g) {
        groupOf(g).clear();
    }

    /** Makes mean(P) - mean(Q) the direction named {@link #nameProperty()}; saves it with P and Q. */
    public CompletableFuture<Void> make() {
        if (!canMake.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("P and Q need a member and a name"));
        }
        List<float[]> p = List.copyOf(groupOf("P"));
        List<float[]> q = List.copyOf(groupOf("Q"));
        DirectionSliders.Direction d = new DirectionSliders.Direction(name.get(), Latent.direction(p, q),
                "mean of P (" + p.size() + ") - mean of Q (" + q.size() + ")");
        CompletableFuture<Void> saved = sliders.putDirection(d);
        lineDirection.set(sliders.direction(d.name()));
        CompletableFuture<Void> sets = latents.save(null, store -> {
            store.putSet("P", p);
            store.putSet("Q", q);
        });
        return CompletableFuture.allOf(saved, sets);
    }

    /** Principal directions of the points of {@link #sourceProperty()}, as sliders PC1... */
    public CompletableFuture<Void> principalDirections() {
        Source s = source.get();
        List<float[]> points = switch (s) {
            case SAMPLES -> {
                List<float[]> out = new ArrayList<>();
                for (int i = 0; i < current.samples().size(); i++) {
                    out.add(current.sampleVector(i));
                }
                yield out;
            }
            case WALK -> List.copyOf(walk.walkPoints());
            case ARITHMETIC -> {
                List<float[]> out = new ArrayList<>();
                ArithmeticViewModel.GROUPS.forEach(g -> out.addAll(arithmetic.group(g)));
                yield out;
            }
            case DIRECTION_GROUPS -> {
                List<float[]> out = new ArrayList<>(groupOf("P"));
                out.addAll(groupOf("Q"));
                yield out;
            }
        };
        return sliders.setPrincipalDirections(points, s.toString());
    }

    /** Renders G(z + s d) along the line for the current z. */
    public CompletableFuture<List<Pixels>> renderLine() {
        CompletableFuture<List<Pixels>> f = renderLineFrames();
        f.whenComplete((frames, e) -> generator.ui().execute(() -> {
            if (e == null) {
                lineImages.setAll(frames);
            } else {
                generator.reportError("could not render the line: " + OpenGenerator.rootMessage(e));
            }
        }));
        return f;
    }

    /** Renders the line and writes it as one PNG strip, off the UI thread. */
    public CompletableFuture<Path> exportLinePng(Path file) {
        CompletableFuture<Path> f = renderLineFrames().thenApplyAsync(frames -> {
            try {
                PngFiles.write(ImageGrids.tile(frames, frames.size(), 2), file);
                return file;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, generator.background());
        f.whenComplete((p, e) -> generator.ui().execute(() -> {
            if (e == null) {
                generator.reportMessage("wrote " + p);
            } else {
                generator.reportError("could not export the line to " + file + ": " + OpenGenerator.rootMessage(e));
            }
        }));
        return f;
    }

    /** Replaces P and Q with those saved in the run (if any); called when a generator loads. */
    public CompletableFuture<Void> loadGroups() {
        return latents.loadSetsInto(groups, "groups P and Q");
    }

    private CompletableFuture<List<Pixels>> renderLineFrames() {
        DirectionSliders.Direction d = lineDirection.get();
        float[] z = current.currentZProperty().get();
        if (d == null || z == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("choose a direction and a current z"));
        }
        float[] vector = d.vector();
        List<float[]> zs = new ArrayList<>();
        try {
            for (float s : Latent.strengths(lineStrength.get(), lineFrames.get())) {
                zs.add(Latent.add(z, vector, s));
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return generator.render(zs);
    }

    private ObservableList<float[]> groupOf(String g) {
        ObservableList<float[]> l = groups.get(g);
        if (l == null) {
            throw new IllegalArgumentException("no group " + g + "; the direction tool has P and Q");
        }
        return l;
    }
}
