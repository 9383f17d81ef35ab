/**
 * Training: {@link io.dcganexplorer.train.GanTrainer} runs the DCGAN step on one thread it owns
 * and reports plain {@link io.dcganexplorer.train.StepMetrics} and sample grids to
 * {@link io.dcganexplorer.train.TrainingListener}s; {@link io.dcganexplorer.train.TrainingOptions}
 * holds the paper's defaults; the run directory ({@link io.dcganexplorer.train.RunDirectory}),
 * atomic versioned checkpoints ({@link io.dcganexplorer.train.Checkpoint},
 * {@link io.dcganexplorer.train.TensorFile}) and the optimiser whose state they save live here.
 * It depends on {@code model}, {@code data} and {@code image}; {@code cli}, {@code ui},
 * {@code latent} and {@code eval} may depend on it. No JavaFX here.
 */
package io.dcganexplorer.train;
