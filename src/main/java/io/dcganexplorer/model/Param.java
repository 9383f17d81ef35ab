package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;

/**
 * One named tensor of a network.
 *
 * @param name stable name, e.g. {@code g.1.weight}; checkpoints are keyed by it
 * @param array the value, owned by the network's manager
 * @param trainable false for BatchNorm running statistics, which forward passes update in place
 */
public record Param(String name, NDArray array, boolean trainable) {}
