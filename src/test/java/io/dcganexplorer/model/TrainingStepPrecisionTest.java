package io.dcganexplorer.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole training step, as this machine will train it: G and D built the way the trainer builds
 * them (the formulation {@link Numerics} chose here, at this process's instruction set), one
 * {@link GanStep} in float32, and every gradient of both networks compared with the same step in
 * float64 (libtorch without oneDNN). Fails when a configuration would train on gradients off by
 * more than the check's tolerances ({@link NumericsCheck#compare}): the test that catches a broken kernel wherever the
 * route around it or the cap did not. Its own data and seed, not the check's.
 *
 * <p>Quick: the two default configurations (3-channel 64x64, 1-channel 32x32). Under
 * {@code -Pquality}: every preset, size and channel count the app offers.
 */
class TrainingStepPrecisionTest {
    private static boolean said;

    static Stream<DcganConfig> defaults() {
        return Stream.of(DcganConfig.preset(DcganConfig.Preset.PYTORCH, 64, 3),
                DcganConfig.preset(DcganConfig.Preset.PYTORCH, 32, 1));
    }

    static Stream<DcganConfig> everyOffered() {
        return NumericsCheck.offeredConfigurations().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void theDefaultConfigurationsTrainOnFloat64Gradients(DcganConfig config) {
        assertWithinTolerance(config);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOffered")
    void everyOfferedConfigurationTrainsOnFloat64Gradients(DcganConfig config) {
        assertWithinTolerance(config);
    }

    private static void assertWithinTolerance(DcganConfig config) {
        Engine engine = Engines.get();
        Engines.disableGradOnThisThread();
        try (NDManager m = engine.newBaseManager();
                Generator g = new Generator(config, m);
                Discriminator d = new Discriminator(config, m);
                Generator g64 = new Generator(config, m, d.formulation(), DataType.FLOAT64);
                Discriminator d64 = new Discriminator(config, m, d.formulation(), DataType.FLOAT64)) {
            if (!said) {
                said = true;
                System.out.println("[numerics] this machine trains " + config.summary() + " as "
                        + Numerics.chosen(config).map(Numerics.Choice::describe).orElse(d.formulation().name()));
            }
            g.initialize(Rng.forPurpose(7, "init-generator"));
            d.initialize(Rng.forPurpose(7, "init-discriminator"));
            g64.copyFrom(g);
            d64.copyFrom(d);
            int n = 6;
            float[] z = Rng.forPurpose(7, "z").latent(n, config.latentDim(), config.prior());
            Random r = new Random(7);
            float[] real = new float[n * config.channels() * config.imageSize() * config.imageSize()];
            for (int i = 0; i < real.length; i++) {
                real[i] = (float) Math.tanh(r.nextGaussian());
            }
            // the check's own reading of a step (forward results and every gradient), on the networks
            // built as the trainer builds them and on this test's own seed and data
            Map<String, double[]> fast = NumericsCheck.step(engine, g, d, z, real, m, () -> {});
            Map<String, double[]> exact = NumericsCheck.step(engine, g64, d64, z, real, m, () -> {});
            NumericsCheck.Comparison c = NumericsCheck.compare(fast, exact);
            assertTrue(c.passed(), config.summary() + " trains as " + d.formulation() + " at isa " + Numerics.isa()
                    + " with gradients off float64: " + c.describe() + "; tolerances " + NumericsCheck.TOLERANCE
                    + " per network, " + NumericsCheck.TENSOR_TOLERANCE + " per tensor");
            System.out.println("[numerics] " + config.summary() + " as " + d.formulation() + ": " + c.describe());
        }
    }
}
