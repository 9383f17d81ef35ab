package io.dcganexplorer.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * One DCGAN training step's forward passes, losses and backward passes, as pytorch/examples'
 * {@code dcgan/main.py} writes them, with the parameter updates left to the caller: the trainer
 * applies Adam ({@code train.TrainingSession}), the numerics check reads the gradients
 * ({@link NumericsCheck}). Both therefore run the very same code.
 *
 * <p>Memory: an op's result belongs to the manager of its first operand, so each half's
 * activations are kept in a scope of their own. D's pass over the real and the detached fake batch
 * is freed as soon as D has been updated, before G's pass allocates its own; only G's forward graph
 * lives for the whole step.
 */
public final class GanStep {
    private GanStep() {}

    /**
     * What one step measured.
     *
     * @param lossD D's loss on the real and the fake batch
     * @param lossG G's non-saturating loss
     * @param dReal mean D(x) before D's update
     * @param dFakeBefore mean D(G(z)) before D's update
     * @param dFakeAfter mean D(G(z)) after D's update
     */
    public record Losses(float lossD, float lossG, float dReal, float dFakeBefore, float dFakeAfter) {}

    /** The updates, each called while its network's gradients are in its parameters. */
    public interface Updates {
        /** D's gradients of D's loss are in D's parameters: apply them, within {@code scope}. */
        void updateD(NDManager scope);

        /**
         * G's gradients of G's loss are in G's parameters (D's hold D's loss's, not G's): apply them,
         * and clear D's for the next step.
         */
        void updateG(NDManager scope);
    }

    /**
     * One step.
     *
     * @param z latent batch, N x latentDim values
     * @param real real images, N x C x S x S values in [-1, 1], NCHW order
     * @param realLabel the real batch's target (1, or less with one-sided label smoothing)
     * @param parent manager under which the step's scopes open
     */
    public static Losses run(Engine engine, Generator g, Discriminator d, float[] z, float[] real, float realLabel,
            NDManager parent, Updates updates) {
        DcganConfig cfg = g.config();
        int n = z.length / cfg.latentDim();
        DataType type = g.dataType();
        try (NDManager sm = parent.newSubManager()) {
            NDArray zs = typed(sm.create(z, new Shape(n, cfg.latentDim())), type);
            NDArray fake;
            float lossD;
            float dReal;
            float dFakeBefore;

            // (1) Update D: maximize log(D(x)) + log(1 - D(G(z)))
            // D's gradients are zero here: the previous step cleared them after G's update.
            try (NDManager ds = sm.newSubManager()) {
                NDArray x = typed(Ops.images(ds, real, n, cfg.channels(), cfg.imageSize()), type);
                NDArray outReal;
                NDArray outFake;
                NDArray loss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    outReal = d.forward(x, true);
                    fake = g.forward(zs, true, sm);
                    outFake = d.forward(Ops.own(ds, fake.stopGradient()), true);
                    loss = Ops.bceWithLogits(outReal, realLabel).add(Ops.bceWithLogits(outFake, 0f));
                    gc.backward(loss);
                }
                updates.updateD(ds);
                float[] r = floats(NDArrays.stack(new NDList(loss.stopGradient(),
                        outReal.stopGradient().getNDArrayInternal().sigmoid().mean(),
                        outFake.stopGradient().getNDArrayInternal().sigmoid().mean())));
                lossD = r[0];
                dReal = r[1];
                dFakeBefore = r[2];
            }

            // (2) Update G: maximize log(D(G(z))), the non-saturating loss. The fake batch's graph
            // from inside D's collector is still there to back-propagate through. D's weights are
            // held out of this backward: G needs D's input gradient only, and PyTorch's loop
            // computes D's weight gradients here just to zero them (a third of D's backward).
            try (NDManager gs = sm.newSubManager()) {
                float[] r;
                d.recordParameterGradients(false);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray logits = d.forward(Ops.own(gs, fake.reshape(fake.getShape())), true);
                    NDArray loss = Ops.bceWithLogits(logits, 1f);
                    gc.backward(loss);
                    r = floats(NDArrays.stack(new NDList(loss.stopGradient(),
                            logits.stopGradient().getNDArrayInternal().sigmoid().mean())));
                } finally {
                    d.recordParameterGradients(true);
                }
                updates.updateG(gs);
                return new Losses(lossD, r[0], dReal, dFakeBefore, r[1]);
            }
        }
    }

    private static NDArray typed(NDArray a, DataType type) {
        return a.getDataType() == type ? a : a.toType(type, false);
    }

    private static float[] floats(NDArray a) {
        return a.getDataType() == DataType.FLOAT32 ? a.toFloatArray()
                : a.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
