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
        LatentStore s = new LatentStore(runDir.resolve(FILE), latentDim);
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
        Json.write(file, new Contents(1, vectors, sets));
    }
}
