package io.dcganexplorer.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Where a run or checkpoint came from: versions, JVM and OS (after Tribuo's ModelProvenance). */
public final class Provenance {
    private Provenance() {}

    public static final String APP_VERSION = readAppVersion();

    /**
     * The resource the build writes with the git commit it was built from (git-commit-id-maven-plugin:
     * {@code git.commit.id=...}, {@code git.dirty=...}); absent when built outside a git checkout.
     */
    static final String COMMIT_RESOURCE = "/io/dcganexplorer/build-commit.properties";

    /** The git commit the app was built from, or "unknown" when the build did not record one. */
    public static final String COMMIT = readCommit();

    /** The key under which a run records how its networks compute on the machine that trained it. */
    public static final String NUMERICS = "numerics";

    private static String readAppVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    private static String readCommit() {
        try (InputStream in = Provenance.class.getResourceAsStream(COMMIT_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String c = p.getProperty("git.commit.id", p.getProperty("commit", "")).trim();
            // an unfiltered or failed build leaves the placeholder or nothing
            if (c.isEmpty() || c.startsWith("${")) {
                return "unknown";
            }
            return "true".equals(p.getProperty("git.dirty")) ? c + " (with uncommitted changes)" : c;
        } catch (IOException | IllegalArgumentException e) {
            return "unknown";
        }
    }

    public static Map<String, String> current(long seed) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("app", "dcgan-explorer " + APP_VERSION);
        p.put("commit", COMMIT);
        p.put("djl", djlVersion());
        p.put("engine", engineVersion());
        p.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        p.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        p.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.put("onednn_isa", io.dcganexplorer.model.Numerics.isaDescription());
        p.put("conv_transpose", io.dcganexplorer.model.Ops.convTransposeKind());
        p.put("seed", Long.toString(seed));
        p.put("created", java.time.Instant.now().toString());
        return p;
    }

    private static String djlVersion() {
        try {
            return ai.djl.engine.Engine.getDjlVersion();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    private static String engineVersion() {
        try {
            ai.djl.engine.Engine e = io.dcganexplorer.model.Engines.get();
            return e.getEngineName() + " " + e.getVersion();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }
}
