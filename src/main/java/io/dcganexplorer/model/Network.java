package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parameters of one DCGAN network held as plain named tensors, with the forward pass written out
 * by {@link Generator} and {@link Discriminator}. Owning the tensors (instead of DJL blocks) keeps
 * names stable for checkpoints, keeps the weight layouts PyTorch's, and lets the trainer and its
 * own optimiser see every parameter directly.
 */
public abstract class Network implements AutoCloseable {

    /** PyTorch's BatchNorm momentum 0.1, which DJL expresses as 0.9. */
    static final float BN_MOMENTUM = 0.9f;

    static final float BN_EPS = 1e-5f;

    /**
     * Activations computed in place, as PyTorch's {@code ReLU(inplace=True)} does: the output of
     * BatchNorm becomes the activation, which saves one activation
     * buffer per stage for as long as the step's graph lives. {@code -Ddcgan.inplace=false} uses
     * DJL's out-of-place ops instead (for measuring); the numbers are identical.
     */
    static final boolean IN_PLACE = !"false".equalsIgnoreCase(System.getProperty("dcgan.inplace", "true"));

    protected final DcganConfig config;
    protected final NDManager manager;
    protected final Formulation formulation;
    private final DataType dataType;
    private final List<Param> params = new ArrayList<>();

    /**
     * A network that is not one of the DCGAN's two (a classifier head, the scoring CNN): float32,
     * computed as written. {@link NumericsCheck} does not cover it.
     */
    protected Network(DcganConfig config, NDManager parent) {
        this(config, parent, Formulation.CONVOLUTIONS, DataType.FLOAT32);
    }

    /**
     * @param formulation how to compute; null: the one {@link Numerics} chose for {@code config} on
     *     this machine (checking it first if this process has not: seconds, once per configuration)
     * @param dataType FLOAT32 to train and render; FLOAT64 for the reference the check compares with
     */
    protected Network(DcganConfig config, NDManager parent, Formulation formulation, DataType dataType) {
        this.config = config;
        this.formulation = formulation != null ? formulation : Numerics.formulationFor(config);
        this.dataType = dataType;
        this.manager = parent.newSubManager();
    }

    public DcganConfig config() {
        return config;
    }

    /** How this network computes (see {@link Formulation}). */
    public Formulation formulation() {
        return formulation;
    }

    /** The parameters' type: FLOAT32, or FLOAT64 for a reference. */
    public DataType dataType() {
        return dataType;
    }

    /** Zeroes every trainable parameter's gradient (the temporaries go to {@code scope}). */
    public void zeroGradients(NDManager scope) {
        for (Param p : params) {
            if (p.trainable() && p.array().hasGradient()) {
                Ops.own(scope, p.array().getGradient()).muli(0f);
            }
        }
    }

    public List<Param> parameters() {
        return Collections.unmodifiableList(params);
    }

    /**
     * Turns gradient recording for the trainable parameters off or on. Off, a backward pass through
     * this network still reaches its input but skips the parameters' gradients (the generator's
     * update needs D's input gradient only). While off, {@code hasGradient()} reads false.
     */
    public void recordParameterGradients(boolean on) {
        for (Param p : params) {
            if (p.trainable()) {
                p.array().setRequiresGradient(on);
            }
        }
    }

    /** Total number of values, trainable or not. */
    public long size() {
        return params.stream().mapToLong(p -> p.array().size()).sum();
    }

    protected NDArray weight(String name, long... shape) {
        return add(name, new Shape(shape), true);
    }

    private NDArray add(String name, Shape shape, boolean trainable) {
        NDArray a = manager.zeros(shape, dataType);
        // No NDArray name: TorchScript calls (Scripted) read a named input as a dict entry.
        if (trainable) {
            a.setRequiresGradient(true);
        }
        params.add(new Param(name, a, trainable));
        return a;
    }

    /** BatchNorm's four tensors over {@code channels}. */
    protected BatchNormParams batchNorm(String prefix, int channels) {
        return new BatchNormParams(
                add(prefix + ".gamma", new Shape(channels), true),
                add(prefix + ".beta", new Shape(channels), true),
                add(prefix + ".running_mean", new Shape(channels), false),
                add(prefix + ".running_var", new Shape(channels), false));
    }

    /** Tensors of one BatchNorm layer. */
    protected record BatchNormParams(NDArray gamma, NDArray beta, NDArray mean, NDArray var) {
        NDArray apply(NDArray x, boolean training) {
            return BatchNorm.batchNorm(x, mean, var, gamma, beta, 1, BN_MOMENTUM, BN_EPS, training)
                    .singletonOrThrow();
        }

        /** BatchNorm, then the activation in place on its output ({@link #IN_PLACE}). */
        NDArray apply(NDArray x, boolean training, Scripted.Activation act) {
            if (IN_PLACE) {
                return Scripted.batchNormActivation(x, gamma, beta, mean, var, training, 1.0 - BN_MOMENTUM, BN_EPS,
                        act);
            }
            NDArray y = apply(x, training);
            return act == Scripted.Activation.RELU ? relu(y) : leaky(y);
        }
    }

    /**
     * The paper's initialisation: conv weights from N(0, 0.02), BatchNorm gamma from N(1, 0.02),
     * beta 0, running mean 0, running variance 1. Deterministic in {@code rng}.
     */
    public void initialize(Rng rng) {
        for (Param p : params) {
            String n = p.name();
            float[] v = new float[Math.toIntExact(p.array().size())];
            if (n.endsWith(".weight")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.02f * rng.gaussian();
                }
            } else if (n.endsWith(".gamma")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 1f + 0.02f * rng.gaussian();
                }
            } else if (n.endsWith(".running_var")) {
                java.util.Arrays.fill(v, 1f);
            }
            Ops.assign(p.array(), v);
        }
    }

    /** Sets every parameter, trainable or not, to {@code source}'s value of the same name (any type). */
    public void copyFrom(Network source) {
        if (source.params.size() != params.size()) {
            throw new IllegalArgumentException("networks of different architectures");
        }
        for (int i = 0; i < params.size(); i++) {
            Param from = source.params.get(i);
            Param to = params.get(i);
            if (!from.name().equals(to.name()) || !from.array().getShape().equals(to.array().getShape())) {
                throw new IllegalArgumentException(to.name() + " has no counterpart of its shape");
            }
            double[] d;
            if (source.dataType == DataType.FLOAT64) {
                d = from.array().toDoubleArray();
            } else {
                float[] f = from.array().toFloatArray();
                d = new double[f.length];
                for (int k = 0; k < f.length; k++) {
                    d[k] = f[k];
                }
            }
            assign(to.array(), d);
        }
    }

    /** Copies {@code values} into {@code target} whatever its type, with recording off. */
    private static void assign(NDArray target, double[] values) {
        boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try (NDManager scope = target.getManager().newSubManager()) {
            NDArray v = scope.create(values, target.getShape());
            target.set(new ai.djl.ndarray.index.NDIndex("..."),
                    target.getDataType() == DataType.FLOAT64 ? v : v.toType(target.getDataType(), false));
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
        }
    }

    static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    static NDArray leaky(NDArray x) {
        return Activation.leakyRelu(x, 0.2f);
    }

    @Override
    public void close() {
        manager.close();
    }
}
