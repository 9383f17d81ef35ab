package io.dcganexplorer.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dcganexplorer.files.AtomicFiles;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.interop.DcganLayout.Entry;
import io.dcganexplorer.interop.DcganLayout.Found;
import io.dcganexplorer.interop.PthFile.Contents;
import io.dcganexplorer.interop.PthFile.PthTensor;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Generator;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.Provenance;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.TensorFile.Tensor;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes a run folder from a generator (and optionally a discriminator) that pytorch/examples'
 * {@code dcgan/main.py} trained and {@code torch.save}d: {@code config.json} with provenance naming
 * the files, and one checkpoint, {@code step-000000}, that every command and the window open like one
 * of ours, training included (Adam starts afresh: main.py saves no optimiser state). The
 * architecture comes from the tensors' shapes ({@link DcganLayout}); only the z prior, which no
 * file records, is the caller's. Without a discriminator, D is initialised as the paper does. The
 * run is built in a temporary folder beside the target and renamed into place, so a failed import
 * leaves nothing behind and never touches an existing run.
 */
public final class PytorchImport {
    private PytorchImport() {}

    /** What DistributedDataParallel and DataParallel put before every key. */
    static final String DDP_PREFIX = "module.";

    /**
     * What to import.
     *
     * @param generator netG.pth
     * @param discriminator netD.pth, or null
     * @param runDir the run folder to make: absent or empty
     * @param prior the distribution of z the generator was trained with (main.py: normal)
     * @param imageSize the image size expected, or 0 to take the file's
     * @param options the training options recorded (what a resumed run trains on); its seed draws the
     *     fixed noise and, without a discriminator, D's initial weights
     */
    public record Request(Path generator, Path discriminator, Path runDir, ZPrior prior, int imageSize,
            TrainingOptions options) {}

    /** The run made, its checkpoint and architecture, and one line per thing worth telling. */
    public record Result(Path runDir, Path checkpoint, DcganConfig config, List<String> notes) {}

    /** One network's tensors by our names, what was found, and its provenance entries. */
    private record Read(Map<String, Tensor> tensors, Map<String, String> provenance, String note) {}

    /** Reads, checks and writes the run. */
    public static Result run(Request r) throws IOException {
        refuseNonEmpty(r.runDir());
        Contents gFile = PthFile.read(r.generator());
        Map<String, PthTensor> g = stripPrefix(gFile.tensors());
        Found fg = DcganLayout.findGenerator(g, r.generator());
        if (r.imageSize() != 0 && r.imageSize() != fg.imageSize()) {
            throw new IOException(r.generator() + " makes " + fg.imageSize() + "x" + fg.imageSize() + " images ("
                    + (DcganLayout.stages(fg.imageSize()) + 1) + " transposed convolutions), not the "
                    + r.imageSize() + "x" + r.imageSize() + " asked for");
        }
        List<String> notes = new ArrayList<>();
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("imported_from", "pytorch/examples dcgan (torch.save)");
        Read gen = convert(r.generator(), gFile, g, DcganLayout.generator(fg.imageSize(), fg.channels(),
                fg.latentDim(), fg.features(), fg.kernel()), "generator", "a pytorch/examples generator with nz="
                + fg.latentDim() + ", ngf=" + fg.features() + ", " + fg.imageSize() + "x" + fg.imageSize() + "x"
                + fg.channels());
        prov.putAll(gen.provenance());
        notes.add(gen.note());
        int ndf;
        Map<String, Tensor> dTensors;
        if (r.discriminator() != null) {
            Contents dFile = PthFile.read(r.discriminator());
            Map<String, PthTensor> d = stripPrefix(dFile.tensors());
            Found fd = DcganLayout.findDiscriminator(d, r.discriminator());
            if (fd.imageSize() != fg.imageSize() || fd.channels() != fg.channels() || fd.kernel() != fg.kernel()) {
                throw new IOException(r.discriminator() + " is a discriminator of " + fd.imageSize() + "x"
                        + fd.imageSize() + "x" + fd.channels() + " images with " + fd.kernel() + " kernels, but "
                        + r.generator() + " makes " + fg.imageSize() + "x" + fg.imageSize() + "x" + fg.channels()
                        + " with " + fg.kernel() + ": not a pair");
            }
            Read dis = convert(r.discriminator(), dFile, d, DcganLayout.discriminator(fd.imageSize(), fd.channels(),
                    fd.features(), fd.kernel()), "discriminator", "a pytorch/examples discriminator with ndf="
                    + fd.features() + ", " + fd.imageSize() + "x" + fd.imageSize() + "x" + fd.channels());
            prov.putAll(dis.provenance());
            notes.add(dis.note());
            ndf = fd.features();
            dTensors = dis.tensors();
        } else {
            ndf = fg.features();
            dTensors = initialDiscriminator(fg, ndf, r.options().seed());
            prov.put("discriminator", "none given: initialised as the paper does (N(0, 0.02), seed "
                    + r.options().seed() + "), ndf = ngf = " + ndf);
            notes.add("no discriminator given: D initialised afresh with ndf = " + ndf
                    + " (the probe and further training use D; rendering needs only G)");
        }
        DcganConfig cfg;
        try {
            cfg = new DcganConfig(fg.imageSize(), fg.channels(), fg.latentDim(), fg.features(), ndf, fg.kernel(),
                    r.prior());
        } catch (IllegalArgumentException e) {
            throw new IOException(r.generator() + ": a network this app cannot hold: " + e.getMessage(), e);
        }
        prov.put("prior", r.prior().name().toLowerCase(Locale.ROOT) + " (given at import: no .pth records it)");
        return write(r, cfg, gen.tensors(), dTensors, prov, notes);
    }

    /** Keys saved from DistributedDataParallel or DataParallel all start with "module.": dropped. */
    static Map<String, PthTensor> stripPrefix(Map<String, PthTensor> t) {
        if (t.isEmpty() || !t.keySet().stream().allMatch(k -> k.startsWith(DDP_PREFIX))) {
            return t;
        }
        Map<String, PthTensor> out = new LinkedHashMap<>();
        t.forEach((k, v) -> out.put(k.substring(DDP_PREFIX.length()), v));
        return out;
    }

    private static Read convert(Path file, Contents c, Map<String, PthTensor> t, List<Entry> layout, String role,
            String what) throws IOException {
        DcganLayout.check(t, layout, file, what);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : layout) {
            out.put(e.ours(), new Tensor(e.ours(), e.shape(), t.get(e.key()).values()));
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put(role + "_file", file.toAbsolutePath().toString());
        p.put(role + "_sha256", sha256(file));
        boolean prefixed = t != c.tensors();
        p.put(role + "_saved_as", c.savedAs() + (prefixed ? ", keys prefixed \"module.\" (DistributedDataParallel)"
                : ""));
        p.put(role + "_dtype", String.join(", ", c.dtypes()) + " on " + String.join(", ", c.locations()));
        String note = role + ": " + file.getFileName() + ", " + c.savedAs() + ", " + String.join("/", c.dtypes())
                + " on " + String.join(", ", c.locations()) + (prefixed ? ", \"module.\" prefix dropped" : "")
                + (c.dtypes().contains("Half") || c.dtypes().contains("BFloat16") ? ", widened to float32" : "");
        return new Read(out, p, note);
    }

    /** D's weights as {@code Network.initialize} draws them, in plain Java (no network needed). */
    private static Map<String, Tensor> initialDiscriminator(Found g, int ndf, long seed) {
        Rng rng = Rng.forPurpose(seed, "init-discriminator");
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : DcganLayout.discriminator(g.imageSize(), g.channels(), ndf, g.kernel())) {
            float[] v = new float[Math.toIntExact(java.util.Arrays.stream(e.shape()).reduce(1, (a, b) -> a * b))];
            for (int i = 0; i < v.length; i++) {
                if (e.ours().endsWith(".weight")) {
                    v[i] = 0.02f * rng.gaussian();
                } else if (e.ours().endsWith(".gamma")) {
                    v[i] = 1f + 0.02f * rng.gaussian();
                } else if (e.ours().endsWith(".running_var")) {
                    v[i] = 1f;
                }
            }
            out.put(e.ours(), new Tensor(e.ours(), e.shape(), v));
        }
        return out;
    }

    private static Result write(Request r, DcganConfig cfg, Map<String, Tensor> g, Map<String, Tensor> d,
            Map<String, String> prov, List<String> notes) throws IOException {
        Path target = r.runDir().toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), ".tmp-import-");
        try {
            RunDirectory run = RunDirectory.create(tmp, cfg, r.options());
            for (var e : prov.entrySet()) {
                run.recordProvenance(e.getKey(), e.getValue());
            }
            List<Tensor> tensors = new ArrayList<>(g.values());
            tensors.addAll(d.values());
            // main.py saves no optimiser state: Adam's moments start at zero, as in a fresh run.
            for (Map<String, Tensor> net : List.of(g, d)) {
                for (Tensor t : net.values()) {
                    if (!t.name().endsWith("running_mean") && !t.name().endsWith("running_var")) {
                        String name = t.name().substring(2);
                        String adam = "adam" + t.name().charAt(0) + "/";
                        tensors.add(new Tensor(adam + "m." + name, t.shape(), new float[t.data().length]));
                        tensors.add(new Tensor(adam + "v." + name, t.shape(), new float[t.data().length]));
                    }
                }
            }
            int n = r.options().sampleCount();
            float[] fixed = Rng.forPurpose(r.options().seed(), "fixed-noise").latent(n, cfg.latentDim(), cfg.prior());
            tensors.add(new Tensor("fixed_noise", new long[] {n, cfg.latentDim()}, fixed));
            Map<String, String> meta = new LinkedHashMap<>(Provenance.current(r.options().seed()));
            meta.putAll(run.provenance());
            meta.putAll(prov);
            Path ckpt = Checkpoint.write(run.checkpointsDir(), new Checkpoint.Meta(Checkpoint.FORMAT, 0, 0, 0,
                    Rng.forPurpose(r.options().seed(), "training-noise").state(), 0, 0, 0, cfg, meta), tensors);
            renderGrid(ckpt, fixed, cfg, run.sampleFile(0));
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty: checked first
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.publicReadable(target, true);
            return new Result(target, target.resolve("checkpoints").resolve(ckpt.getFileName()), cfg, notes);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    /** The fixed noise rendered, as a run's samples/step-N.png. */
    private static void renderGrid(Path ckpt, float[] z, DcganConfig cfg, Path png) throws IOException {
        int n = z.length / cfg.latentDim();
        boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try (NDManager root = Engines.get().newBaseManager();
                Generator gen = Checkpoint.loadGenerator(ckpt, root);
                NDManager scope = root.newSubManager()) {
            NDArray zs = scope.create(z, new Shape(n, cfg.latentDim()));
            float[] images = gen.forward(zs, false, scope).toFloatArray();
            PngFiles.write(ImageGrids.grid(images, n, cfg.channels(), cfg.imageSize(), ImageGrids.squareColumns(n),
                    2), png);
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
        }
    }

    private static void refuseNonEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IOException(dir + " exists and is not a folder");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty: an import makes a new run folder and never writes "
                            + "into an existing one");
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) > 0;) {
                md.update(buf, 0, k);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
