package io.dcganexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numerics check and the choice made from it, on any machine: a broken kernel is simulated
 * ({@link SimulatedFault}) so that detection, the route around it and the need for the cap are
 * each seen here too. Nothing assumes the machine's own kernels are right: a verdict this machine
 * gives without a simulation is only required where the chosen formulation is concerned.
 */
class NumericsCheckTest {
    /**
     * The default one-channel configuration at its real widths (about a second a check): on the
     * faulty machines measured, every kernel these networks run is right but D's logit's.
     */
    private static final DcganConfig GREY = DcganConfig.preset(DcganConfig.Preset.PYTORCH, 32, 1);


    @TempDir
    Path cache;

    private String oldCache;
    private String oldFault;

    @BeforeEach
    void useTemporaryCache() {
        oldCache = System.getProperty(Numerics.CACHE_PROPERTY);
        oldFault = System.getProperty(SimulatedFault.PROPERTY);
        System.setProperty(Numerics.CACHE_PROPERTY, cache.toString());
        System.clearProperty(SimulatedFault.PROPERTY);
        Numerics.forgetChoices(); // each test sees its own cache, whatever ran before it in this JVM
    }

    @AfterEach
    void restore() {
        set(Numerics.CACHE_PROPERTY, oldCache);
        set(SimulatedFault.PROPERTY, oldFault); // the whole suite may run under a simulation
    }

    static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static DcganConfig colour() {
        return DcganConfig.preset(DcganConfig.Preset.PYTORCH, 32, 3);
    }

    @Test
    void aWrongLogitInputGradientIsCaughtAndTheMatmulFormulationAvoidsIt() {
        assumeTrue(!"SSE41".equalsIgnoreCase(Numerics.isa()), "the simulation is off at the safe cap");
        System.setProperty(SimulatedFault.PROPERTY, "logit");
        NumericsCheck.Verdict conv = NumericsCheck.run(GREY, Formulation.CONVOLUTIONS, NumericsCheck.Progress.NONE);
        assertFalse(conv.passed(), conv.summary());
        // the simulated error is 30% on D's logit input gradient, and every gradient follows it
        assertTrue(conv.comparison().networkError() > 0.1, conv.summary());
        NumericsCheck.Verdict dense = NumericsCheck.run(GREY, Formulation.LOGIT_MATMUL, NumericsCheck.Progress.NONE);
        assertTrue(dense.passed(), dense.summary());
        assertTrue(dense.comparison().networkError() < 1e-4, dense.summary());
    }

    /**
     * The projection's gradient (z through G in inference mode and D's conv-stage features) is
     * compared with float64: right on a healthy machine, caught when D's convolutions return wrong
     * input gradients; the logit fault does not reach it, as its path skips D's logit.
     */
    @Test
    void theProjectionsGradientIsCheckedAndAWrongConvolutionShowsInIt() {
        assumeTrue("default".equals(Numerics.isa()), "the simulation is tied to the default cap");
        DcganConfig small = DcganConfig.preset(DcganConfig.Preset.PYTORCH, 16, 1).withFeatures(8, 8);
        NumericsCheck.Comparison right = NumericsCheck.projectionOnly(small, Formulation.CONVOLUTIONS);
        assertTrue(right.passed() && right.networkError() < 1e-4, right.describe());
        System.setProperty(SimulatedFault.PROPERTY, "logit");
        NumericsCheck.Comparison logit = NumericsCheck.projectionOnly(small, Formulation.CONVOLUTIONS);
        assertTrue(logit.networkError() < 1e-4, "the projection never reaches D's logit: " + logit.describe());
        System.setProperty(SimulatedFault.PROPERTY, "convolutions");
        NumericsCheck.Comparison wrong = NumericsCheck.projectionOnly(small, Formulation.CONVOLUTIONS);
        assertFalse(wrong.passed(), wrong.describe());
        assertTrue(wrong.worstTensor().startsWith("P: z gradient"), wrong.describe());
    }

    @Test
    void theChoiceTakesTheFirstRightFormulationAndCachesEveryVerdict() {
        assumeTrue("default".equals(Numerics.isa()), "the simulation is tied to the default cap");
        System.setProperty(SimulatedFault.PROPERTY, "logit");
        Numerics.Choice c = Numerics.choose(GREY, NumericsCheck.Progress.NONE);
        assertEquals(Formulation.LOGIT_MATMUL, c.formulation(), c.describe());
        assertEquals(2, c.verdicts().size());
        assertFalse(c.verdicts().get(0).passed());
        assertTrue(Files.isRegularFile(cache.resolve("numerics.properties")));
        NumericsCheck.Verdict again = Numerics.cached(GREY, Formulation.CONVOLUTIONS).orElseThrow();
        assertTrue(again.cached() && !again.passed(), again.summary());
        assertEquals(c.verdicts().get(0).comparison(), again.comparison());
        // Networks built for the run compute as chosen.
        try (ai.djl.ndarray.NDManager m = Engines.get().newBaseManager();
                Discriminator d = new Discriminator(GREY, m)) {
            assertEquals(Formulation.LOGIT_MATMUL, d.formulation());
        }
    }

    @Test
    void channelsLastNetworksKeepTheConvolutionsUnderTheLogitFault() {
        assumeTrue("default".equals(Numerics.isa()), "the simulation is tied to the default cap");
        assumeTrue(Ops.CHANNELS_LAST, "3-channel activations are NCHW with -Ddcgan.layout=nchw");
        Formulation here = Numerics.choose(colour(), NumericsCheck.Progress.NONE).formulation();
        System.setProperty(SimulatedFault.PROPERTY, "logit");
        Numerics.Choice c = Numerics.choose(colour(), NumericsCheck.Progress.NONE);
        assertEquals(here, c.formulation(), c.describe());
        assertTrue(c.verdicts().get(c.verdicts().size() - 1).passed(), c.describe());
    }

    @Test
    void whenEveryFormulationIsWrongTheSafeCapIsNeeded() {
        assumeTrue("default".equals(Numerics.isa()), "the simulation is tied to the default cap");
        System.setProperty(SimulatedFault.PROPERTY, "convolutions");
        Numerics.SafeIsaNeeded e = assertThrows(Numerics.SafeIsaNeeded.class,
                () -> Numerics.choose(colour(), NumericsCheck.Progress.NONE));
        assertTrue(e.getMessage().contains("ONEDNN_MAX_CPU_ISA=SSE41"), e.getMessage());
        assertEquals(colour(), e.config());
        // Found anywhere in a chain of causes, as a command's executor wraps it.
        assertTrue(Numerics.safeIsaNeeded(new RuntimeException(new IllegalStateException(e))).isPresent());
    }

    @Test
    void aVerdictIsKeyedByConfigurationFormulationAndSimulation() {
        String plain = Numerics.key(GREY, Formulation.CONVOLUTIONS);
        assertFalse(plain.equals(Numerics.key(GREY, Formulation.LOGIT_MATMUL)));
        assertFalse(plain.equals(Numerics.key(GREY.withFeatures(32, 64), Formulation.CONVOLUTIONS)));
        System.setProperty(SimulatedFault.PROPERTY, "logit");
        assertFalse(plain.equals(Numerics.key(GREY, Formulation.CONVOLUTIONS)),
                "a simulated verdict must not overwrite the real one");
    }

    @Test
    void relativeErrorCountsNonFiniteAndMissingValuesAsInfinitelyWrong() {
        assertEquals(0.0, NumericsCheck.relativeError(new double[] {1, 2}, new double[] {1, 2}));
        assertEquals(0.1, NumericsCheck.relativeError(new double[] {1.1}, new double[] {1}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY,
                NumericsCheck.relativeError(new double[] {Double.NaN}, new double[] {1}));
        assertEquals(Double.POSITIVE_INFINITY, NumericsCheck.relativeError(new double[] {1}, new double[] {1, 2}));
        assertEquals(Double.POSITIVE_INFINITY, NumericsCheck.relativeError(null, new double[] {1}));
    }

    @Test
    void networksAreJudgedWholeAndEachTensorLooselyForCancellingSums() {
        Map<String, double[]> exact = new LinkedHashMap<>();
        exact.put("D: w gradient", new double[] {3, 4});
        exact.put("D: beta gradient", new double[] {1e-3}); // a sum whose terms cancelled
        exact.put("loss D", new double[] {0.7});
        Map<String, double[]> fast = new LinkedHashMap<>(exact);
        fast.put("D: beta gradient", new double[] {1.02e-3}); // 2% off alone, a 4e-6 share of D
        NumericsCheck.Comparison c = NumericsCheck.compare(fast, exact);
        assertTrue(c.passed(), c.describe());
        assertEquals("D: beta gradient", c.worstTensor());
        assertEquals(0.02, c.tensorError(), 1e-9);
        fast.put("D: beta gradient", new double[] {2e-3}); // 100% off: no rounding does that
        assertFalse(NumericsCheck.compare(fast, exact).passed());
        fast.put("D: beta gradient", new double[] {1e-3});
        fast.put("D: w gradient", new double[] {3.3, 4}); // D as a whole 6% off
        assertFalse(NumericsCheck.compare(fast, exact).passed());
        fast.put("D: w gradient", new double[] {3, 4});
        fast.put("loss D", new double[] {Double.NaN});
        NumericsCheck.Comparison nan = NumericsCheck.compare(fast, exact);
        assertFalse(nan.passed());
        assertEquals(Double.POSITIVE_INFINITY, nan.networkError());
    }

    @Test
    void anUnknownSimulationIsRefusedByName() {
        System.setProperty(SimulatedFault.PROPERTY, "everything");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, SimulatedFault::mode);
        assertTrue(e.getMessage().contains("everything"), e.getMessage());
    }
}
