package io.dcganexplorer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.files.AtomicFiles;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.PackedTensors.Precision;
import io.dcganexplorer.train.TensorFile.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Packs one checkpoint of a run as the demo the app ships ({@link ShippedDemo} opens it): the run's
 * {@code config.json} with provenance saying it is the demo, the checkpoint's {@code checkpoint.json},
 * G's and D's weights and BatchNorm statistics (and the fixed noise; the moving average of G only
 * when asked; never the optimiser's moments) in half or full precision, the saved latents, and an
 * index ({@code demo.json}) with each file's SHA-256, whose digest names the folder the demo is
 * extracted to. Packing renders 64 fixed z's with the packed and the original weights and reports
 * the largest pixel difference, which decides whether half precision is good enough.
 */
public final class DemoPack {
    public static final int FORMAT = 1;
    public static final String INDEX = "demo.json";
    public static final String CONFIG = "config.json";
    public static final String CHECKPOINT = "checkpoint.json";
    public static final String WEIGHTS = "weights.bin";
    public static final String LATENTS = "latents.json";
    /** The fixed z's the packed and the original weights are compared on. */
    public static final int COMPARED = 64;

    /** Contents of demo.json: each file's SHA-256, and the digest over all of them. */
    public record Index(int format, String hash, String precision, long step, Map<String, String> files,
            double maxPixelDifference) {}

    /** What {@link #pack} did: where, how big, at what precision, and how far the images moved. */
    public record Report(Path out, long bytes, long weightsBytes, Precision precision, long step, int tensors,
            double maxPixelDifference) {}

    private DemoPack() {}

    /**
     * Packs {@code checkpoint} of the run in {@code runDir} into the folder {@code out}, replacing
     * it whole (built beside it, then renamed). {@code latents} may be null (no saved latents).
     */
    public static Report pack(Path runDir, Path checkpoint, Path latents, Path out, Precision precision,
            boolean keepAverage) throws IOException {
        return pack(runDir, checkpoint, latents, out, precision, keepAverage, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #pack(Path, Path, Path, Path, Precision, boolean)}, but refuses, before anything is
     * written, when an image moves by more than {@code maxDifference} (in 1/255) from full precision.
     */
    public static Report pack(Path runDir, Path checkpoint, Path latents, Path out, Precision precision,
            boolean keepAverage, double maxDifference) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        Checkpoint.Meta meta = Checkpoint.readMeta(checkpoint);
        Checkpoint.checkArchitecture(checkpoint, meta, run.config());
        if (latents != null && !Files.isRegularFile(latents)) {
            throw new IOException("no latents file " + latents);
        }
        Map<String, Tensor> all = Checkpoint.readTensors(checkpoint);
        boolean average = keepAverage && GeneratorEma.hasAverage(all);
        if (keepAverage && !average) {
            throw new IOException(checkpoint + " holds no moving average of G to keep");
        }
        List<Tensor> kept = new ArrayList<>();
        for (Tensor t : all.values()) {
            String n = t.name();
            if (n.startsWith("G/") || n.startsWith("D/") || n.equals("fixed_noise")
                    || average && n.startsWith(GeneratorEma.PREFIX + "/")) {
                kept.add(t);
            }
        }
        Map<String, Tensor> rounded = new LinkedHashMap<>();
        for (Tensor t : kept) {
            float[] v = t.data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = precision.round(v[i]);
            }
            rounded.put(t.name(), new Tensor(t.name(), t.shape(), v));
        }
        String renders = average ? GeneratorEma.PREFIX : "G";
        double diff = maxPixelDifference(run.config(), all, rounded, renders, checkpoint);
        if (diff > maxDifference) {
            throw new IOException(String.format(java.util.Locale.ROOT, "%s precision moves an image by %.3f/255, "
                    + "more than %.1f/255: nothing was written; pack with full precision", precision.name()
                    .toLowerCase(java.util.Locale.ROOT), diff, maxDifference));
        }

        Map<String, String> p = new LinkedHashMap<>(run.provenance() != null ? run.provenance() : Map.of());
        p.put("demo", "the demo model shipped with the app (read-only)");
        p.put("demo_trained_in", runDir.toAbsolutePath().normalize().toString());
        p.put("demo_checkpoint", checkpoint.getFileName().toString());
        p.put("demo_step", Long.toString(meta.step()));
        p.put("demo_trained_until", Files.getLastModifiedTime(checkpoint.resolve(Checkpoint.META)).toInstant()
                .toString());
        p.put("demo_training_seconds", String.format(java.util.Locale.ROOT, "%.0f", meta.wallSeconds()));
        p.put("demo_packed", Instant.now().toString());
        p.put("demo_precision", precision.name().toLowerCase(java.util.Locale.ROOT));
        p.put("demo_max_pixel_difference", String.format(java.util.Locale.ROOT, "%.3f/255", diff));
        RunDirectory.RunFile runFile = new RunDirectory.RunFile(RunDirectory.FORMAT, run.config(), run.options(), p);

        Path target = out.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), ".tmp-demo-");
        try {
            Json.write(tmp.resolve(CONFIG), runFile);
            Json.write(tmp.resolve(CHECKPOINT), meta);
            try (OutputStream os = Files.newOutputStream(tmp.resolve(WEIGHTS))) {
                PackedTensors.write(os, kept, precision);
            }
            List<String> files = new ArrayList<>(List.of(CONFIG, CHECKPOINT, WEIGHTS));
            if (latents != null) {
                Files.copy(latents, tmp.resolve(LATENTS));
                files.add(LATENTS);
            }
            Map<String, String> sums = new LinkedHashMap<>();
            for (String f : files) {
                sums.put(f, sha256(Files.readAllBytes(tmp.resolve(f))));
            }
            Json.write(tmp.resolve(INDEX), new Index(FORMAT, digest(sums), precision.name().toLowerCase(
                    java.util.Locale.ROOT), meta.step(), sums, diff));
            replace(tmp, target);
        } finally {
            if (Files.exists(tmp)) {
                AtomicFiles.deleteTree(tmp);
            }
        }
        return new Report(target, folderBytes(target), Files.size(target.resolve(WEIGHTS)), precision, meta.step(),
                kept.size(), diff);
    }

    /** The digest over every file's name and SHA-256: the name of the folder the demo is extracted to. */
    static String digest(Map<String, String> sums) {
        StringBuilder sb = new StringBuilder();
        sums.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /**
     * The largest difference between the images that {@code a} and {@code b} (the same generator's
     * weights, e.g. full and half precision) render from {@link #COMPARED} fixed z's (seed 1), in
     * units of 1/255 of the pixel range, before the images are rounded to 8 bits.
     */
    public static double maxPixelDifference(DcganConfig cfg, Map<String, Tensor> a, Map<String, Tensor> b,
            String prefix, Path where) throws IOException {
        float[] z = new Rng(1).latent(COMPARED, cfg.latentDim(), cfg.prior());
        Engines.disableGradOnThisThread();
        try (NDManager root = Engines.get().newBaseManager();
                Generator ga = new Generator(cfg, root);
                Generator gb = new Generator(cfg, root);
                NDManager scope = root.newSubManager()) {
            Checkpoint.load(prefix, ga, a, where);
            Checkpoint.load(prefix, gb, b, where);
            NDArray zs = scope.create(z, new Shape(COMPARED, cfg.latentDim()));
            // Inference mode, as every renderer uses: BatchNorm's running statistics, rounded too.
            float[] ia = ga.forward(zs, false, scope).toFloatArray();
            float[] ib = gb.forward(zs, false, scope).toFloatArray();
            double max = 0;
            for (int i = 0; i < ia.length; i++) {
                max = Math.max(max, Math.abs(ia[i] - ib[i]));
            }
            return max * 255 / 2; // images span [-1, 1]
        }
    }

    /** Puts the complete folder {@code tmp} in place of {@code target}, replacing an older one whole. */
    private static void replace(Path tmp, Path target) throws IOException {
        AtomicFiles.publicReadable(tmp, true);
        if (Files.exists(target)) {
            Path old = target.resolveSibling(".old-" + target.getFileName() + "-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.deleteTree(old);
        } else {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static long folderBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            long sum = 0;
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                sum += Files.size(f);
            }
            return sum;
        }
    }
}
