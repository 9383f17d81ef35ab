package io.dcganexplorer.latent;

import io.dcganexplorer.train.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named latent vectors and named sets of them (e.g. the arithmetic panel's exemplar groups),
 * saved as {@code latents.json} in the run directory, written atomically.
 */
public final class LatentStore {
    public static final String FILE = "latents.json";
    /** Named directions (the direction tool's, attribute and principal ones) are vectors with this prefix. */
    public static final String DIRECTION_PREFIX = "direction:";
    /** Serialises read-modify-write of the file between the app's background threads. */
    private static final Object LOCK = new Object();

    /** An edit of the store that may fail to save. */
    public interface Edit {
        void apply(LatentStore store) throws IOException;
    }

    /** The file's contents. */
    record Contents(int format, Map<String, float[]> vectors, Map<String, List<String>> sets) {}

    private final Path file;
    private final int latentDim;
    private final Map<String, float[]> vectors = new LinkedHashMap<>();
    private final Map<String, List<String>> sets = new LinkedHashMap<>();

    private LatentStore(Path file, int latentDim) {
        this.file = file;
        this.latentDim = latentDim;
    }

    /** Opens (or starts) the store of a run whose generator takes {@code latentDim}-vectors. */
    public static LatentStore open(Path runDir, int latentDim) throws IOException {
        return openFile(runDir.resolve(FILE), latentDim);
    }

    /** Reads a file in latents.json's form (a missing one is an empty store). */
    private static LatentStore openFile(Path file, int latentDim) throws IOException {
        LatentStore s = new LatentStore(file, latentDim);
        if (Files.exists(s.file)) {
            Contents c = Json.read(s.file, Contents.class);
            if (c.vectors() != null) {
                for (var e : c.vectors().entrySet()) {
                    if (e.getValue() == null || e.getValue().length != latentDim) {
                        throw new IOException(s.file + ": vector '" + e.getKey() + "' has "
                                + (e.getValue() == null ? 0 : e.getValue().length) + " dimensions, this run's z has "
                                + latentDim);
                    }
                    s.vectors.put(e.getKey(), e.getValue());
                }
            }
            if (c.sets() != null) {
                for (var e : c.sets().entrySet()) {
                    for (String member : e.getValue()) {
                        if (!s.vectors.containsKey(member)) {
                            throw new IOException(s.file + ": set '" + e.getKey() + "' names unknown vector '" + member
                                    + "'");
                        }
                    }
                    s.sets.put(e.getKey(), List.copyOf(e.getValue()));
                }
            }
        }
        return s;
    }

    /**
     * Opens the store of {@code runDir}, applies {@code edit} and saves, while no other edit through
     * this method runs: two panels saving at once cannot drop each other's entries.
     */
    public static void update(Path runDir, int latentDim, Edit edit) throws IOException {
        synchronized (LOCK) {
            edit.apply(open(runDir, latentDim));
        }
    }

    /**
     * Writes {@code z} alone to {@code file} in this store's format (a {@code latents.json} with one
     * vector, {@code name}), atomically: what {@code project} writes, read back by {@link #resolve}.
     */
    public static void writeLatentFile(Path file, String name, float[] z) throws IOException {
        Map<String, float[]> one = new LinkedHashMap<>();
        one.put(name, z.clone());
        Json.write(file, new Contents(1, one, Map.of()));
    }

    /** Reads the store of {@code runDir} without racing an {@link #update}. */
    public static LatentStore read(Path runDir, int latentDim) throws IOException {
        synchronized (LOCK) {
            return open(runDir, latentDim);
        }
    }

    /**
     * The z that a command's {@code --latent NAME|FILE} means: a file in latents.json's form (such as
     * {@code project} writes) holding one vector, or {@code FILE#NAME} for one of several; otherwise
     * the vector {@code NAME} saved in {@code runDir}'s latents.json.
     *
     * @throws IOException naming the file or the run when there is no such vector
     */
    public static float[] resolve(Path runDir, String nameOrFile, int latentDim) throws IOException {
        int hash = nameOrFile.lastIndexOf('#');
        Path file = Path.of(hash > 0 ? nameOrFile.substring(0, hash) : nameOrFile);
        if (Files.isRegularFile(file)) {
            LatentStore s = openFile(file, latentDim);
            var plain = new ArrayList<String>();
            s.vectors.keySet().stream().filter(k -> !k.startsWith(DIRECTION_PREFIX)).forEach(plain::add);
            if (hash > 0) {
                String name = nameOrFile.substring(hash + 1);
                if (!s.vectors.containsKey(name)) {
                    throw new IOException(file + " holds no latent vector named '" + name + "'; it holds " + plain);
                }
                return s.vector(name);
            }
            if (plain.size() != 1) {
                throw new IOException(file + " holds " + plain.size() + " latent vectors " + plain
                        + "; name one as FILE#NAME");
            }
            return s.vector(plain.get(0));
        }
        LatentStore s = read(runDir, latentDim);
        if (!s.vectors.containsKey(nameOrFile)) {
            throw new IOException("'" + nameOrFile + "' is neither a file nor a latent vector saved in "
                    + s.file + " (saved: " + s.vectors.keySet().stream().filter(k -> !k.startsWith(DIRECTION_PREFIX))
                    .toList() + ")");
        }
        return s.vector(nameOrFile);
    }

    /** The saved directions by name (without the prefix), in the order they were added. */
    public Map<String, float[]> directions() {
        Map<String, float[]> out = new LinkedHashMap<>();
        vectors.forEach((k, v) -> {
            if (k.startsWith(DIRECTION_PREFIX)) {
                out.put(k.substring(DIRECTION_PREFIX.length()), v.clone());
            }
        });
        return out;
    }

    /** Adds or replaces the direction {@code name} and saves. */
    public void putDirection(String name, float[] d) throws IOException {
        putVector(DIRECTION_PREFIX + name, d);
    }

    /** Removes the direction {@code name} (if saved) and saves. */
    public void removeDirection(String name) throws IOException {
        if (vectors.remove(DIRECTION_PREFIX + name) != null) {
            save();
        }
    }

    public Map<String, float[]> vectors() {
        return java.util.Collections.unmodifiableMap(vectors);
    }

    public float[] vector(String name) {
        float[] v = vectors.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no latent vector named '" + name + "' in " + file);
        }
        return v.clone();
    }

    /** The vectors of a set, in order. */
    public List<float[]> set(String name) {
        List<String> members = sets.get(name);
        if (members == null) {
            throw new IllegalArgumentException("no latent set named '" + name + "' in " + file);
        }
        List<float[]> out = new ArrayList<>();
        members.forEach(m -> out.add(vector(m)));
        return out;
    }

    public Map<String, List<String>> sets() {
        return java.util.Collections.unmodifiableMap(sets);
    }

    /** Adds or replaces a vector and saves. */
    public void putVector(String name, float[] z) throws IOException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a latent vector needs a name");
        }
        if (z.length != latentDim) {
            throw new IllegalArgumentException("z has " + z.length + " dimensions, this run's has " + latentDim);
        }
        vectors.put(name, z.clone());
        save();
    }

    /** Stores {@code members} as vectors {@code NAME.1 ... NAME.k} and the set {@code NAME}, then saves. */
    public void putSet(String name, List<float[]> members) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String n = name + "." + (i + 1);
            if (members.get(i).length != latentDim) {
                throw new IllegalArgumentException("member " + (i + 1) + " has " + members.get(i).length
                        + " dimensions, this run's z has " + latentDim);
            }
            vectors.put(n, members.get(i).clone());
            names.add(n);
        }
        sets.put(name, names);
        save();
    }

    private void save() throws IOException {
        io.dcganexplorer.train.RunDirectory.requireWritable(file.getParent(), "its " + FILE + " keeps what it "
                + "shipped with; train from it (train --init-from demo) to get a run whose latents you can save");
        Json.write(file, new Contents(1, vectors, sets));
    }
}
