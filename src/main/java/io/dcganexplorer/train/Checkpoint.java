package io.dcganexplorer.train;

import ai.djl.ndarray.NDArray;
import io.dcganexplorer.files.AtomicFiles;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Network;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Param;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete training state in one folder: {@code checkpoint.json} (format version, step, data
 * position, RNG state, optimiser step counts, architecture, provenance) and {@code tensors.bin}
 * (G and D parameters including BatchNorm running statistics, both optimisers' moments, the fixed
 * noise). Written into a temporary folder and renamed into place, so a crash never leaves a
 * half-written checkpoint under a {@code step-N} name.
 */
public final class Checkpoint {
    public static final int FORMAT = 1;
    static final String META = "checkpoint.json";
    static final String TENSORS = "tensors.bin";

    /** Contents of checkpoint.json. */
    public record Meta(
            int format,
            long step,
            long epoch,
            int nextBatch,
            long noiseRngState,
            long adamStepsG,
            long adamStepsD,
            double wallSeconds,
            DcganConfig config,
            Map<String, String> provenance) {}

    private Checkpoint() {}

    /** Writes {@code checkpointsDir/step-NNNNNN} atomically and returns it. */
    public static Path write(Path checkpointsDir, Meta meta, List<Tensor> tensors) throws IOException {
        return writeFolder(checkpointsDir.resolve(String.format("step-%06d", meta.step())), meta, tensors);
    }

    /**
     * Writes a checkpoint into the folder {@code target} atomically (built beside it, then renamed;
     * an existing {@code target} is replaced whole) and returns it.
     */
    public static Path writeFolder(Path target, Meta meta, List<Tensor> tensors) throws IOException {
        Path checkpointsDir = target.toAbsolutePath().getParent();
        Files.createDirectories(checkpointsDir);
        Path tmp = Files.createTempDirectory(checkpointsDir, ".tmp-");
        try {
            TensorFile.write(tmp.resolve(TENSORS), tensors);
            Json.write(tmp.resolve(META), meta);
            AtomicFiles.publicReadable(tmp, true);
            AtomicFiles.publicReadable(tmp.resolve(TENSORS), false);
            if (Files.exists(target)) {
                // Same step saved twice (stop right after a periodic save): replace it whole.
                Path old = checkpointsDir.resolve(".old-" + target.getFileName() + "-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                AtomicFiles.deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } finally {
            if (Files.exists(tmp)) {
                AtomicFiles.deleteTree(tmp);
            }
        }
    }

    /** Reads and checks checkpoint.json. */
    public static Meta readMeta(Path dir) throws IOException {
        Path f = dir.resolve(META);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + " is not a checkpoint (no " + META + ")");
        }
        Meta m = Json.read(f, Meta.class);
        if (m.format() > FORMAT) {
            throw new IOException(f + ": checkpoint format " + m.format() + " is newer than this build reads ("
                    + FORMAT + ")");
        }
        if (m.config() == null) {
            throw new IOException(f + ": no architecture recorded");
        }
        return m;
    }

    public static Map<String, Tensor> readTensors(Path dir) throws IOException {
        Path f = dir.resolve(TENSORS);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + ": missing " + TENSORS);
        }
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (Tensor t : TensorFile.read(f)) {
            map.put(t.name(), t);
        }
        return map;
    }

    /** Refuses a checkpoint whose architecture differs from {@code expected}, saying how. */
    public static void checkArchitecture(Path dir, Meta meta, DcganConfig expected) throws IOException {
        if (!meta.config().equals(expected)) {
            throw new IOException(dir + " holds a model of another architecture: checkpoint is "
                    + meta.config().summary() + ", this run is " + expected.summary());
        }
    }

    public static Tensor tensor(String name, NDArray a) {
        return new Tensor(name, a.getShape().getShape(), a.toFloatArray());
    }

    /** Every parameter of {@code net} under {@code prefix/}. */
    public static List<Tensor> tensorsOf(String prefix, Network net) {
        List<Tensor> out = new ArrayList<>();
        for (Param p : net.parameters()) {
            out.add(tensor(prefix + "/" + p.name(), p.array()));
        }
        return out;
    }

    /** Sets every parameter of {@code net} from {@code prefix/NAME}, checking names and shapes. */
    public static void load(String prefix, Network net, Map<String, Tensor> tensors, Path dir) throws IOException {
        for (Param p : net.parameters()) {
            loadInto(p.array(), tensors, prefix + "/" + p.name(), dir);
        }
    }

    /** Sets {@code target} from the tensor called {@code name}, checking its shape. */
    public static void loadInto(NDArray target, Map<String, Tensor> tensors, String name, Path dir)
            throws IOException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IOException(dir + ": tensor " + name + " is missing: the checkpoint is of another "
                    + "architecture or damaged");
        }
        long[] want = target.getShape().getShape();
        if (!Arrays.equals(want, t.shape())) {
            throw new IOException(dir + ": tensor " + name + " has shape " + t.shapeString() + ", this model needs "
                    + Arrays.toString(want) + ": the checkpoint is of another architecture");
        }
        Ops.assign(target, t.data());
    }

    /** Which of a checkpoint's generators renders. */
    public enum Weights {
        /** The moving average of G's weights when the checkpoint holds one (a run trained with it), else G. */
        AUTO,
        /** G as trained, even where the checkpoint also holds a moving average. */
        TRAINED,
        /** The moving average; a checkpoint without one is refused. */
        AVERAGE;

        /** Parses the command-line and settings spelling: auto, trained or ema. */
        public static Weights parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> AUTO;
                case "trained" -> TRAINED;
                case "ema", "average" -> AVERAGE;
                default -> throw new IllegalArgumentException("'" + s + "' is not auto, trained or ema");
            };
        }
    }

    /**
     * The generator of a checkpoint, for rendering: its moving average of G's weights where it holds
     * one, else G ({@link Weights#AUTO}). The architecture comes from the checkpoint itself. The
     * caller owns {@code parent} and closes the generator (or the manager) when done.
     */
    public static io.dcganexplorer.model.Generator loadGenerator(Path dir, ai.djl.ndarray.NDManager parent)
            throws IOException {
        return loadGenerator(dir, parent, Weights.AUTO);
    }

    /** True when the checkpoint in {@code dir} holds a moving average of its generator's weights. */
    public static boolean hasAverage(Path dir) throws IOException {
        return GeneratorEma.hasAverage(readTensors(dir));
    }

    /** The generator of a checkpoint that {@code which} names (see {@link Weights}). */
    public static io.dcganexplorer.model.Generator loadGenerator(Path dir, ai.djl.ndarray.NDManager parent,
            Weights which) throws IOException {
        Meta meta = readMeta(dir);
        Map<String, Tensor> tensors = readTensors(dir);
        boolean average = GeneratorEma.hasAverage(tensors);
        if (which == Weights.AVERAGE && !average) {
            throw new IOException(dir + " holds no moving average of the generator's weights (the run was trained "
                    + "without one): render its trained generator instead");
        }
        io.dcganexplorer.model.Generator g = new io.dcganexplorer.model.Generator(meta.config(), parent);
        try {
            load(average && which != Weights.TRAINED ? GeneratorEma.PREFIX : "G", g, tensors, dir);
            return g;
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    /** The fixed noise stored in a checkpoint (N x latentDim, row-major). */
    public static float[] fixedNoise(Path dir) throws IOException {
        Tensor t = readTensors(dir).get("fixed_noise");
        if (t == null) {
            throw new IOException(dir + ": no fixed noise stored");
        }
        return t.data();
    }

    /** Deletes all but the newest {@code keep} checkpoints. */
    public static void prune(RunDirectory run, int keep) throws IOException {
        List<Path> all = run.checkpoints();
        for (int i = 0; i < all.size() - keep; i++) {
            AtomicFiles.deleteTree(all.get(i));
        }
    }
}
