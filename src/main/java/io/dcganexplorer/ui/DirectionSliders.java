package io.dcganexplorer.ui;

import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.latent.LatentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The named directions offered as sliders, each moving the current z by strength x vector from the
 * z it had before the first slider was moved. Directions are kept in the run's latents.json.
 * Holds no Node.
 */
public final class DirectionSliders {
    /**
     * A named direction in z (an attribute's, a principal one, or mean(P) - mean(Q) from the
     * direction tool); strength 1 adds {@code vector} once.
     *
     * @param origin how it was made, for the tooltip
     */
    public record Direction(String name, float[] vector, String origin) {
        /** Trims the name and copies the vector. */
        public Direction {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a direction needs a name");
            }
            name = name.trim();
            vector = vector.clone();
        }

        @Override
        public float[] vector() {
            return vector.clone();
        }
    }

    /** Slider range of a direction's strength. */
    public static final double STRENGTH_RANGE = 3;
    /** How many principal directions are offered. */
    public static final int PRINCIPAL_DIRECTIONS = 3;

    private final OpenGenerator generator;
    private final SavedLatents saved;
    private final CurrentLatent current;
    private final ObservableList<Direction> directions = FXCollections.observableArrayList();
    private final ObservableMap<String, Double> strengths = FXCollections.observableHashMap();
    // Made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final ObservableList<Direction> directionsView = FXCollections.unmodifiableObservableList(directions);
    private final ObservableMap<String, Double> strengthsView = FXCollections.unmodifiableObservableMap(strengths);
    /** The z that the direction sliders move away from; null until one of them is moved. */
    private float[] directionBase;

    DirectionSliders(OpenGenerator generator, SavedLatents saved, CurrentLatent current) {
        this.generator = generator;
        this.saved = saved;
        this.current = current;
    }

    /** The named directions offered as sliders, in the order they were added. */
    public ObservableList<Direction> directions() {
        return directionsView;
    }

    /** Strength of each direction slider that was moved since the current z was last set otherwise. */
    public ObservableMap<String, Double> strengths() {
        return strengthsView;
    }

    /** The strength of direction {@code name} now (0 if untouched). */
    public double strength(String name) {
        return strengths.getOrDefault(name, 0.0);
    }

    /** The direction named {@code name}, or null. */
    public Direction direction(String name) {
        return directions.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    // Commands

    /**
     * Moves the current z along direction {@code name}: z = base + sum of strength x direction over
     * the direction sliders, where base is the z before the first of them was moved. Renders live.
     */
    public void setStrength(String name, double strength) {
        float[] z = current.currentZProperty().get();
        Direction d = direction(name);
        if (z == null || d == null || strength(name) == strength) {
            return;
        }
        if (directionBase == null) {
            directionBase = z.clone();
        }
        strengths.put(name, strength);
        applyStrengths();
    }

    /** Adds {@code d} (replacing one of the same name) and saves it in the run's latents.json. */
    public CompletableFuture<Void> putDirection(Direction d) {
        return putDirections(List.of(d));
    }

    /** Adds or replaces several directions and saves them in one write. */
    public CompletableFuture<Void> putDirections(List<Direction> ds) {
        ds.forEach(this::show);
        applyStrengths(); // a replaced direction moves z by its new vector at the same strength
        return saved.save("directions " + ds.stream().map(Direction::name).toList(), store -> {
            for (Direction d : ds) {
                store.putDirection(d.name(), d.vector);
            }
        });
    }

    /** Removes direction {@code name} from the sliders and the run's latents.json. */
    public CompletableFuture<Void> removeDirection(String name) {
        int at = indexOf(name);
        if (at < 0) {
            return CompletableFuture.completedFuture(null);
        }
        directions.remove(at);
        if (strengths.remove(name) != null) {
            applyStrengths(); // take its share out of z again
        }
        return saved.save(null, store -> store.removeDirection(name));
    }

    /**
     * Replaces the principal directions with the top {@link #PRINCIPAL_DIRECTIONS} of {@code chosen}
     * (at most one fewer than there are points, and no more than they span), named PC1, PC2, ...; each
     * scaled to one standard deviation of the points along it, so strength 1 is a typical step among them.
     */
    public CompletableFuture<Void> setPrincipalDirections(List<float[]> chosen, String of) {
        if (chosen.size() < 3) {
            String text = "principal directions need at least 3 chosen points; " + of + " has " + chosen.size();
            generator.reportError(text);
            return CompletableFuture.failedFuture(new IllegalArgumentException(text));
        }
        int k = Math.min(PRINCIPAL_DIRECTIONS, chosen.size() - 1);
        List<float[]> pcs = Latent.principalDirections(chosen, k);
        if (pcs.isEmpty()) {
            String text = "the " + chosen.size() + " points of " + of + " are all the same: no principal direction";
            generator.reportError(text);
            return CompletableFuture.failedFuture(new IllegalArgumentException(text));
        }
        float[] mu = Latent.mean(chosen);
        List<Direction> out = new ArrayList<>();
        for (int c = 0; c < pcs.size(); c++) {
            double var = 0;
            for (float[] p : chosen) {
                double proj = Latent.dot(Latent.add(p, mu, -1), pcs.get(c));
                var += proj * proj;
            }
            double sd = Math.sqrt(var / (chosen.size() - 1));
            float[] v = pcs.get(c).clone();
            for (int i = 0; i < v.length; i++) {
                v[i] *= (float) sd;
            }
            out.add(new Direction("PC" + (c + 1), v, String.format(
                    "principal direction %d of %d points (%s), one standard deviation = %.2f", c + 1, chosen.size(),
                    of, sd)));
        }
        for (int c = out.size() + 1; c <= PRINCIPAL_DIRECTIONS; c++) {
            removeDirection("PC" + c);
        }
        return putDirections(out);
    }

    // Internals shared with the explorer's other parts

    /** Forgets the sliders' base and strengths: z was set by other means. */
    void reset() {
        directionBase = null;
        strengths.clear();
    }

    /** A new generator landed: forget directions of another run, then show those saved in this one. */
    void land(boolean keep, Map<String, float[]> savedDirections) {
        if (!keep) {
            directions.clear();
            reset();
        }
        savedDirections.forEach((name, v) -> show(new Direction(name, v, "saved in " + LatentStore.FILE)));
    }

    /** Adds {@code d} as a slider, or replaces the one of its name in place. */
    private void show(Direction d) {
        int at = indexOf(d.name());
        if (at >= 0) {
            directions.set(at, d);
        } else {
            directions.add(d);
        }
    }

    /** z = base + the sum of strength x direction over the sliders; renders it. */
    private void applyStrengths() {
        if (directionBase == null) {
            return;
        }
        float[] n = directionBase.clone();
        for (Direction x : directions) {
            double s = strength(x.name());
            if (s != 0) {
                n = Latent.add(n, x.vector, (float) s);
            }
        }
        current.move(n);
    }

    private int indexOf(String name) {
        for (int i = 0; i < directions.size(); i++) {
            if (directions.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
