package io.dcganexplorer.model;

/**
 * Kernel geometry of the stride-2 stages. The first generator stage (1x1 to 4x4 projection) and
 * the last discriminator stage (4x4 to 1x1 logit) always use a 4x4 kernel, which is the same as
 * the paper's "matrix multiply and reshape" and "flatten into a single sigmoid unit".
 *
 * @see DcganConfig
 */
public enum KernelPreset {
    /** 4x4 kernels, padding 1 (pytorch/examples, dcgan.torch). */
    K4(4, 2, 1, 0),
    /** 5x5 kernels, padding 2, output padding 1 (the authors' Theano code). */
    K5(5, 2, 2, 1);

    public final int kernel;
    public final int stride;
    public final int padding;
    /** Extra rows/columns a transposed convolution adds so that each stage exactly doubles. */
    public final int outputPadding;

    KernelPreset(int kernel, int stride, int padding, int outputPadding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
    }
}
