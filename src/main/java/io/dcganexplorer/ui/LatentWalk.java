package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.WalkFiles;
import io.dcganexplorer.latent.Latent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A walk through marked points of z (paper Fig. 4): the points, how many frames and how they are
 * interpolated, the rendered strip, its animation frame, and its export as PNG or GIF. Holds no Node.
 */
public final class LatentWalk {
    /** Frame time of the walk's animation, played and exported: {@link WalkFiles#FRAME_MS}. */
    public static final int GIF_DELAY_MS = WalkFiles.FRAME_MS;

    /** Most points one walk marks. */
    public static final int MAX_WALK_POINTS = 9;

    private final OpenGenerator generator;
    private final SavedLatents saved;
    private final CurrentLatent current;

    // Properties
    private final ObservableList<float[]> walkPoints = FXCollections.observableArrayList();
    private final ObjectProperty<Latent.Mode> walkMode = new SimpleObjectProperty<>(Latent.Mode.SPHERICAL);
    private final IntegerProperty walkFrames = new SimpleIntegerProperty(16);
    private final ObservableList<Pixels> walkImages = FXCollections.observableArrayList();
    private final IntegerProperty walkFrame = new SimpleIntegerProperty();
    // Made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final ObservableList<float[]> walkPointsView = FXCollections.unmodifiableObservableList(walkPoints);
    private final ObservableList<Pixels> walkImagesView = FXCollections.unmodifiableObservableList(walkImages);
    private final BooleanBinding canWalk;

    LatentWalk(OpenGenerator generator, SavedLatents saved, CurrentLatent current) {
        this.generator = generator;
        this.saved = saved;
        this.current = current;
        canWalk = Bindings.size(walkPoints).greaterThanOrEqualTo(2).and(generator.readyProperty());
    }

    /** The marked points, in walking order. */
    public ObservableList<float[]> walkPoints() {
        return walkPointsView;
    }

    /** How the walk interpolates between points. */
    public ObjectProperty<Latent.Mode> walkModeProperty() {
        return walkMode;
    }

    /** Frames of the whole walk (at least one per point). */
    public IntegerProperty walkFramesProperty() {
        return walkFrames;
    }

    /** The rendered walk strip. */
    public ObservableList<Pixels> walkImages() {
        return walkImagesView;
    }

    /** There are two points to walk between and a generator to render them. */
    public BooleanBinding canWalkProperty() {
        return canWalk;
    }

    /** The walk frame the animation shows. */
    public IntegerProperty walkFrameProperty() {
        return walkFrame;
    }

    // Commands

    /** Shows the next walk frame (the animation's tick). */
    public void advanceWalkFrame() {
        int n = walkImages.size();
        walkFrame.set(n == 0 ? 0 : (walkFrame.get() + 1) % n);
    }

    /** Adds the current z as the walk's next point (at most {@link #MAX_WALK_POINTS}). */
    public void addToWalk() {
        float[] z = current.currentZProperty().get();
        if (z != null && walkPoints.size() < MAX_WALK_POINTS) {
            walkPoints.add(z.clone());
        }
    }

    /** Removes all points and the rendered strip. */
    public void clearWalk() {
        walkFrame.set(0);
        walkPoints.clear();
        walkImages.clear();
    }

    /** Saves the walk's points as the set {@code name}. */
    public CompletableFuture<Void> saveWalkAs(String name) {
        String n = name == null ? "" : name.trim();
        List<float[]> points = List.copyOf(walkPoints);
        if (points.isEmpty() || n.isEmpty()) {
            generator.reportError("mark walk points and give the set a name");
            return CompletableFuture.failedFuture(new IllegalArgumentException("no points or no name"));
        }
        saved.addSetName(n);
        return saved.save("set '" + n + "' (" + points.size() + " points)", store -> store.putSet(n, points));
    }

    /** Replaces the walk's points with the saved set {@code name} (its first {@link #MAX_WALK_POINTS}). */
    public CompletableFuture<Void> loadSetIntoWalk(String name) {
        return saved.read(store -> store.set(name)).thenAccept(points -> generator.ui().execute(() -> {
            walkImages.clear();
            walkFrame.set(0);
            walkPoints.setAll(points.subList(0, Math.min(points.size(), MAX_WALK_POINTS)));
        }));
    }

    /** Renders the walk strip through the marked points. */
    public CompletableFuture<List<Pixels>> renderWalk() {
        CompletableFuture<List<Pixels>> f = renderWalkFrames();
        f.whenComplete((frames, e) -> generator.ui().execute(() -> {
            if (e == null) {
                walkFrame.set(0);
                walkImages.setAll(frames);
            } else {
                generator.reportError("could not render the walk: " + OpenGenerator.rootMessage(e));
            }
        }));
        return f;
    }


    // Internals shared with the explorer

    /** A generator of another configuration landed: its points no longer fit. */
    void forget() {
        walkPoints.clear();
        walkImages.clear();
    }

    /**
     * Renders the walk and writes it off the UI thread as {@code file}'s extension says: a looping
     * GIF, one frame per walk frame, or one PNG strip; exactly as {@code interpolate} writes it by
     * default ({@link WalkFiles}).
     */
    public CompletableFuture<Path> exportWalk(Path file) {
        CompletableFuture<Path> f = renderWalkFrames().thenApplyAsync(frames -> {
            try {
                WalkFiles.write(frames, file, WalkFiles.defaultZoom(file, frames.get(0).width()),
                        WalkFiles.FRAME_MS);
                return file;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, generator.background());
        f.whenComplete((p, e) -> generator.ui().execute(() -> {
            if (e == null) {
                generator.reportMessage("wrote " + p);
            } else {
                generator.reportError("could not export the walk to " + file + ": " + OpenGenerator.rootMessage(e));
            }
        }));
        return f;
    }

    private CompletableFuture<List<Pixels>> renderWalkFrames() {
        if (walkPoints.size() < 2) {
            return CompletableFuture.failedFuture(new IllegalStateException("a walk needs at least 2 points"));
        }
        List<float[]> zs;
        try {
            zs = Latent.walk(new ArrayList<>(walkPoints), Math.max(walkFrames.get(), walkPoints.size()),
                    walkMode.get());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return generator.render(zs);
    }
}
