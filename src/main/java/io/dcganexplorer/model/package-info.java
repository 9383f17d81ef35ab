/**
 * What a DCGAN is: {@link io.dcganexplorer.model.DcganConfig} with its presets, the
 * {@link io.dcganexplorer.model.Generator} and {@link io.dcganexplorer.model.Discriminator} as
 * named PyTorch-layout tensors with their forward passes, the paper's initialisation, the seeded
 * {@link io.dcganexplorer.model.Rng} and z priors, and {@link io.dcganexplorer.model.Engines},
 * which starts DJL's PyTorch engine offline. It knows nothing of training, files or screens:
 * {@code train}, {@code latent}, {@code eval} and {@code cli} depend on it, and it depends on no
 * package of ours.
 */
package io.dcganexplorer.model;
