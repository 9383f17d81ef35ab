package io.dcganexplorer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.dcganexplorer.model.Network;
import io.dcganexplorer.model.Ops;
import io.dcganexplorer.model.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba), with the moments held here so that a checkpoint can save and restore
 * them: DJL's own Adam keeps them private, which makes exact resume impossible. Same update as
 * {@code torch.optim.Adam}: {@code w -= lr * m_hat / (sqrt(v_hat) + eps)}.
 */
public final class Adam implements AutoCloseable {
    private final List<Param> params = new ArrayList<>();
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final NDManager manager;
    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private long t;

    public Adam(Network net, double lr, double beta1, double beta2, NDManager parent) {
        this.manager = parent.newSubManager();
        this.lr = (float) lr;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = 1e-8f;
        for (Param p : net.parameters()) {
            if (p.trainable()) {
                params.add(p);
                m.add(manager.zeros(p.array().getShape(), DataType.FLOAT32));
                v.add(manager.zeros(p.array().getShape(), DataType.FLOAT32));
            }
        }
    }

    /** Number of updates made so far (PyTorch's per-parameter "step"). */
    public long stepCount() {
        return t;
    }

    /**
     * The largest gradient element an update takes: at sqrt(Float.MAX_VALUE), about 1.8e19, the
     * square in the second moment v overflows to infinity, and since v only decays by beta2, every
     * later step of that weight is m / inf = 0. On a 64x64 faces run (2026-12-04) that froze the
     * whole discriminator near step 4,445 (v infinite in every weight, D(G(z)) the same before and
     * after D's update from then on) while G went on fooling it.
     */
    public static final float GRADIENT_LIMIT = (float) Math.sqrt(Float.MAX_VALUE);

    private float lastMaxGradient;
    private long skipped;

    /**
     * Applies one update from the gradients accumulated in the parameters, then zeroes those
     * gradients (DJL never zeroes them for you). A gradient with an element that is not finite or
     * at least {@link #GRADIENT_LIMIT} is not applied: the weights, the moments and the step count
     * stay as they were (as PyTorch's GradScaler skips a step whose gradients overflowed), the
     * gradients are zeroed, and the step returns false; {@link #lastMaxGradient()} says how large it was.
     *
     * @param scope per-step manager that receives every temporary
     * @return whether the update was applied
     */
    public boolean step(NDManager scope) {
        lastMaxGradient = maxAbsGradient(scope);
        if (!(lastMaxGradient < GRADIENT_LIMIT)) {
            skipped++;
            for (Param p : params) {
                JniUtils.zeroGrad((PtNDArray) p.array());
            }
            return false;
        }
        t++;
        float bc1 = 1f - (float) Math.pow(beta1, t);
        float bc2 = 1f - (float) Math.pow(beta2, t);
        float stepSize = lr / bc1;
        float sqrtBc2 = (float) Math.sqrt(bc2);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).array();
            NDArray g = Ops.own(scope, w.getGradient());
            NDArray mi = m.get(i);
            NDArray vi = v.get(i);
            // libtorch's update in one call: w -= a * m / (sqrt(v) + e). With a = lr*sqrt(bc2)/bc1 and
            // e = eps*sqrt(bc2) that is lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps), torch.optim.Adam's formula.
            JniUtils.adamUpdate((PtNDArray) w, (PtNDArray) g, (PtNDArray) mi, (PtNDArray) vi, lr,
                    stepSize * sqrtBc2, 0f, 1f, -1f, beta1, beta2, eps * sqrtBc2, false);
            JniUtils.zeroGrad((PtNDArray) w);
        }
        return true;
    }

    /** The largest |element| over every parameter's gradient (NaN when one is NaN), in one read-back. */
    private float maxAbsGradient(NDManager scope) {
        NDList maxima = new NDList(params.size());
        for (Param p : params) {
            maxima.add(Ops.own(scope, p.array().getGradient()).abs().max());
        }
        float[] all = NDArrays.stack(maxima).toFloatArray();
        float max = 0;
        for (float x : all) {
            if (Float.isNaN(x)) {
                return Float.NaN;
            }
            max = Math.max(max, x);
        }
        return max;
    }

    /** The largest |gradient| element of the last {@link #step}, applied or not. */
    public float lastMaxGradient() {
        return lastMaxGradient;
    }

    /** Updates not applied because their gradient overflowed (not kept in checkpoints). */
    public long skippedSteps() {
        return skipped;
    }


    /** Moments keyed "m.NAME" and "v.NAME", as plain arrays for a checkpoint. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> s = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            s.put("m." + params.get(i).name(), m.get(i));
            s.put("v." + params.get(i).name(), v.get(i));
        }
        return s;
    }

    public void setStepCount(long steps) {
        t = steps;
    }

    @Override
    public void close() {
        manager.close();
    }
}
