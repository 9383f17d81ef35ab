/**
 * The latent space: arithmetic on z as plain {@code float[]} ({@link io.dcganexplorer.latent.Latent}:
 * walks, exemplar means, the arithmetic grid, directions; {@link io.dcganexplorer.latent.GroupMean}),
 * rendering z with a checkpoint's generator on a thread of its own
 * ({@link io.dcganexplorer.latent.GeneratorSession}, whose {@link io.dcganexplorer.latent.CoalescingExecutor}
 * renders only the newest slider position), saved latents ({@link io.dcganexplorer.latent.LatentStore},
 * {@code latents.json}), and the measured face arithmetic that the command line and the Explore tab
 * share ({@link io.dcganexplorer.latent.AutoExemplars}, {@link io.dcganexplorer.latent.ArithmeticEvaluation})
 * with the attribute probes they and {@code direction --attribute} fit
 * ({@link io.dcganexplorer.latent.AttributeProbes}), and how far generated faces are from the training
 * set ({@link io.dcganexplorer.latent.NeighbourStats}).
 * It depends on {@code eval}, {@code train}, {@code model}, {@code data}, {@code image} and
 * {@code files}; {@code cli} and {@code ui} use it. No JavaFX here.
 */
package io.dcganexplorer.latent;
