/**
 * What a DCGAN is: {@link io.dcganexplorer.model.DcganConfig} with its presets, the
 * {@link io.dcganexplorer.model.Generator} and {@link io.dcganexplorer.model.Discriminator} as
 * named PyTorch-layout tensors with their forward passes, one training step's mathematics
 * ({@link io.dcganexplorer.model.GanStep}), the paper's initialisation, the seeded
 * {@link io.dcganexplorer.model.Rng} and z priors, and {@link io.dcganexplorer.model.Engines},
 * which starts DJL's PyTorch engine offline. It also decides how the networks compute on this
 * machine: {@link io.dcganexplorer.model.NumericsCheck} holds a configuration's float32 step to
 * float64 and {@link io.dcganexplorer.model.Numerics} chooses a
 * {@link io.dcganexplorer.model.Formulation} from the verdicts, or asks for the instruction-set
 * cap. It knows nothing of training loops, screens or the command line: {@code train},
 * {@code latent}, {@code eval} and {@code cli} depend on it, and of our packages it uses only
 * {@code files} (to write the verdict cache atomically).
 */
package io.dcganexplorer.model;
