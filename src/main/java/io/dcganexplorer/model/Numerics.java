package io.dcganexplorer.model;

import io.dcganexplorer.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses, per configuration, how the networks compute on this machine: the first
 * {@link Formulation} whose training step agrees with float64 ({@link NumericsCheck}) at this
 * process's instruction set. When none does, the configuration needs oneDNN capped at
 * {@value #SAFE_ISA} ({@link SafeIsaNeeded}): oneDNN reads its cap once, when libtorch loads, so the
 * caller restarts the process (a command relaunches itself capped for that run; the window restarts
 * with the run open).
 *
 * <p>Verdicts are cached in {@code ~/.cache/dcgan-explorer/numerics.properties} (or
 * {@code -Ddcgan.cache.dir}), keyed by the configuration, the formulation, the CPU model and its
 * flags, libtorch's version, the cap, the layout, the transposed-convolution kind and any
 * {@link SimulatedFault}: a cached verdict costs nothing, a new one a few seconds.
 */
public final class Numerics {
    /** Bump when the check changes, so old verdicts are not trusted. */
    static final int VERSION = 3; // 3: the verdict covers the projection's gradient too

    /**
     * {@code -Ddcgan.formulation=NAME} uses that formulation for every configuration, unchecked: for
     * measuring one against another, and to show that the step-level tests catch a wrong one.
     */
    public static final String FORMULATION_PROPERTY = "dcgan.formulation";

    /** {@code -Ddcgan.cache.dir=DIR} moves the verdict cache (tests use a temporary folder). */
    public static final String CACHE_PROPERTY = "dcgan.cache.dir";

    /** The environment variable oneDNN reads, once, for its instruction-set cap. */
    public static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";

    /** The cap of last resort: SSE4.1, right on every machine seen, and 3-4x slower. */
    public static final String SAFE_ISA = "SSE41";

    /** Set by the process that restarted this one capped: why the cap is in force. */
    public static final String FALLBACK_VARIABLE = "DCGAN_ISA_FALLBACK";

    private static final Map<String, Choice> CHOSEN = new ConcurrentHashMap<>();

    private Numerics() {}

    /**
     * What a configuration runs with here, and the verdicts that decided it.
     *
     * @param verdicts one per formulation tried, the chosen one last
     */
    public record Choice(DcganConfig config, Formulation formulation, List<NumericsCheck.Verdict> verdicts) {
        /** For provenance and bench, e.g. "logit-matmul at isa default (convolutions: WRONG ...)". */
        public String describe() {
            StringBuilder s = new StringBuilder(formulation.name()).append(" at isa ").append(isaDescription());
            if (verdicts.isEmpty()) {
                s.append("; unchecked (-D").append(FORMULATION_PROPERTY).append(")");
            }
            for (NumericsCheck.Verdict v : verdicts) {
                s.append("; ").append(v.summary());
            }
            return s.toString();
        }
    }

    /** No formulation of a configuration is right at the default instruction set: restart capped. */
    public static final class SafeIsaNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient DcganConfig config;

        SafeIsaNeeded(DcganConfig config, String detail) {
            super("the " + config.summary() + " networks compute wrong gradients on this machine at the default "
                    + "instruction set in every formulation (" + detail + "); they need " + ISA_VARIABLE + "="
                    + SAFE_ISA + ", which is right but 3-4x slower");
            this.config = config;
        }

        public DcganConfig config() {
            return config;
        }
    }

    /** The {@link SafeIsaNeeded} in {@code t}'s chain of causes, if there is one. */
    public static Optional<SafeIsaNeeded> safeIsaNeeded(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SafeIsaNeeded s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The formulation chosen for {@code config}, checking it now (without progress) if needed. */
    public static Formulation formulationFor(DcganConfig config) {
        return choose(config, NumericsCheck.Progress.NONE).formulation();
    }

    /**
     * The choice for {@code config}: this process's, the cache's, or measured now (reporting to
     * {@code progress}), on the calling thread.
     *
     * @throws SafeIsaNeeded no formulation is right and this process runs at the default cap
     * @throws IllegalStateException no formulation is right at a cap that is already set
     */
    public static Choice choose(DcganConfig config, NumericsCheck.Progress progress) {
        String forced = System.getProperty(FORMULATION_PROPERTY, "");
        if (!forced.isBlank()) {
            return new Choice(config, Formulation.named(forced), List.of());
        }
        String memo = config + "|" + isa() + "|" + SimulatedFault.mode();
        Choice c = CHOSEN.get(memo);
        if (c != null) {
            return c;
        }
        synchronized (Numerics.class) {
            c = CHOSEN.get(memo);
            if (c == null) {
                c = measure(config, progress);
                CHOSEN.put(memo, c);
            }
            return c;
        }
    }

    /** Forgets this process's choices, so the next {@link #choose} reads the cache or measures. */
    static void forgetChoices() {
        CHOSEN.clear();
    }

    /** The choice already made for {@code config} in this process, if any (never checks). */
    public static Optional<Choice> chosen(DcganConfig config) {
        return Optional.ofNullable(CHOSEN.get(config + "|" + isa() + "|" + SimulatedFault.mode()));
    }

    private static Choice measure(DcganConfig config, NumericsCheck.Progress progress) {
        List<NumericsCheck.Verdict> verdicts = new ArrayList<>();
        for (Formulation f : Formulation.ALL) {
            NumericsCheck.Verdict v = cached(config, f).orElse(null);
            if (v == null) {
                v = NumericsCheck.run(config, f, progress);
                store(v);
            }
            verdicts.add(v);
            if (v.passed()) {
                return new Choice(config, f, List.copyOf(verdicts));
            }
        }
        String detail = verdicts.get(verdicts.size() - 1).summary();
        if ("default".equals(isa())) {
            throw new SafeIsaNeeded(config, detail);
        }
        throw new IllegalStateException("the " + config.summary() + " networks compute wrong gradients on this "
                + "machine at " + ISA_VARIABLE + "=" + isa() + " in every formulation (" + detail + ")"
                + (SAFE_ISA.equalsIgnoreCase(isa()) ? "" : "; try " + ISA_VARIABLE + "=" + SAFE_ISA));
    }

    /** The cap this process's oneDNN runs under: the variable's value, or "default". */
    public static String isa() {
        String v = System.getenv(ISA_VARIABLE);
        return v == null || v.isEmpty() ? "default" : v;
    }

    /** Why this process runs capped, when a parent restarted it so; empty otherwise. */
    public static Optional<String> isaFallback() {
        String v = System.getenv(FALLBACK_VARIABLE);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** oneDNN's cap, and the reason when it is the fallback, for provenance and bench. */
    public static String isaDescription() {
        return isa() + isaFallback().map(r -> " (fallback: " + r + ")").orElse("");
    }

    // ------------------------------------------------------------------------------------------
    // The cache

    /** The cached verdict for {@code config} and {@code f} on this machine, libtorch and cap. */
    static Optional<NumericsCheck.Verdict> cached(DcganConfig config, Formulation f) {
        String v = load().getProperty(key(config, f));
        if (v == null) {
            return Optional.empty();
        }
        String[] parts = v.split("\\|", 4);
        try {
            return Optional.of(new NumericsCheck.Verdict(config, f, new NumericsCheck.Comparison(
                    Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), parts[3]), 0, true));
        } catch (RuntimeException e) {
            return Optional.empty(); // damaged entry: measure again
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        Path file = cacheFile();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                p.clear(); // unreadable: measure again and rewrite it
            }
        }
        return p;
    }

    private static synchronized void store(NumericsCheck.Verdict v) {
        Properties p = load();
        NumericsCheck.Comparison c = v.comparison();
        p.setProperty(key(v.config(), v.formulation()), (v.passed() ? "pass" : "fail") + "|" + c.networkError() + "|"
                + c.tensorError() + "|" + c.worstTensor());
        try {
            StringWriter out = new StringWriter();
            p.store(out, "dcgan-explorer: training step float32 vs float64, per configuration, formulation, CPU, "
                    + "libtorch and ISA cap (" + describeMachine() + ")");
            String text = out.toString();
            AtomicFiles.write(cacheFile(), tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // no cache: the check runs again next time, which is only slower
        }
    }

    static Path cacheFile() {
        String dir = System.getProperty(CACHE_PROPERTY);
        Path base = dir != null && !dir.isEmpty() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "dcgan-explorer");
        return base.resolve("numerics.properties");
    }

    /** What the cache key is made of, readable. */
    public static String describeMachine() {
        return "cpu " + cpuInfo("model name", System.getProperty("os.arch")) + ", libtorch " + libtorchVersion()
                + ", isa " + isa() + ", layout " + (Ops.CHANNELS_LAST ? "channels-last" : "nchw") + ", conv-T "
                + Ops.convTransposeKind();
    }

    /** A hash of everything a verdict depends on. */
    static String key(DcganConfig config, Formulation f) {
        String k = VERSION + "|" + config + "|" + f.name() + "|" + cpuInfo("model name", "") + "|"
                + cpuInfo("flags", "") + "|" + libtorchVersion() + "|" + isa() + "|" + Ops.CHANNELS_LAST + "|"
                + Ops.convTransposeKind() + "|" + SimulatedFault.mode() + "|" + NumericsCheck.TOLERANCE + "|"
                + NumericsCheck.TENSOR_TOLERANCE;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(k.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            return Integer.toHexString(k.hashCode());
        }
    }

    private static String cpuInfo(String field, String fallback) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(field)) {
                    int c = line.indexOf(':');
                    return c >= 0 ? line.substring(c + 1).trim() : fallback;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return fallback;
    }

    /** libtorch's version from the native jar's properties, without loading it. */
    static String libtorchVersion() {
        try (InputStream in = Numerics.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                return p.getProperty("version", "unknown") + "-" + p.getProperty("flavor", "");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
