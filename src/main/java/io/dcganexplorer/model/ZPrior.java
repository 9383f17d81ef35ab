package io.dcganexplorer.model;

/** Distribution of the latent vector z. */
public enum ZPrior {
    /** Uniform in [-1, 1] per dimension, as in the paper. */
    UNIFORM,
    /** Standard normal per dimension, as in pytorch/examples. */
    NORMAL
}
