package io.dcganexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up convolution check: its verdict here, what it counts as wrong, and its cache. */
class NumericsCheckTest {
    @TempDir
    Path cache;

    private String oldCache;

    @BeforeEach
    void useTemporaryCache() {
        oldCache = System.getProperty(NumericsCheck.CACHE_PROPERTY);
        System.setProperty(NumericsCheck.CACHE_PROPERTY, cache.toString());
    }

    @AfterEach
    void restore() {
        if (oldCache == null) {
            System.clearProperty(NumericsCheck.CACHE_PROPERTY);
        } else {
            System.setProperty(NumericsCheck.CACHE_PROPERTY, oldCache);
        }
        System.clearProperty(NumericsCheck.FAULT_PROPERTY);
    }

    @Test
    void libtorchPassesAtThisMachinesCapAndTheVerdictIsCached() throws java.io.IOException {
        ai.djl.engine.Engine engine = Engines.get(); // its first start may have filled the cache already
        Files.deleteIfExists(cache.resolve("numerics.properties"));
        assertTrue(NumericsCheck.cached().isEmpty());
        NumericsCheck.Verdict v = NumericsCheck.verify(engine);
        assertTrue(v.passed(), v.detail());
        assertFalse(v.cached());
        assertTrue(Files.isRegularFile(cache.resolve("numerics.properties")));
        Optional<NumericsCheck.Verdict> again = NumericsCheck.cached();
        assertTrue(again.isPresent() && again.get().cached() && again.get().passed());
    }

    @Test
    void theOldFaultIsCaughtAndNamed() {
        // 1x1 input, 4x4 kernel, padding 3: the input gradient is the sum of the 16 weights; oneDNN once gave 119 for 120.
        Optional<String> bad = NumericsCheck.mismatch("conv k4 p3", "input gradient", new double[] {120}, new float[] {119});
        assertEquals("conv k4 p3: input gradient[0] = 119.000, expected 120.000", bad.orElseThrow());
        assertTrue(NumericsCheck.mismatch("c", "forward", new double[] {120}, new float[] {120.0001f}).isEmpty());
        assertTrue(NumericsCheck.mismatch("c", "forward", new double[] {1}, new float[] {Float.NaN}).isPresent());
        assertTrue(NumericsCheck.mismatch("c", "forward", new double[] {1, 2}, new float[] {1}).isPresent());
    }

    @Test
    void aSimulatedFaultFailsAtTheDefaultCapAndIsCachedApart() {
        // The simulation only applies to the default cap, where CI and the README's test command run.
        assumeTrue("default".equals(NumericsCheck.isa()));
        String passKey = NumericsCheck.key();
        System.setProperty(NumericsCheck.FAULT_PROPERTY, "true");
        assertFalse(passKey.equals(NumericsCheck.key()), "a simulated verdict must not overwrite the real one");
        NumericsCheck.Verdict v = NumericsCheck.verify(Engines.get());
        assertFalse(v.passed());
        assertTrue(v.detail().contains("simulated fault"), v.detail());
        assertFalse(NumericsCheck.cached().orElseThrow().passed());
    }

    @Test
    void everyCaseRunsAgainWithoutTheCache() {
        NumericsCheck.Verdict v = NumericsCheck.run(Engines.get());
        assertTrue(v.passed(), v.detail());
        assertTrue(v.detail().startsWith("11 cases"), v.detail());
    }
}
