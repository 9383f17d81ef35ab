/**
 * Training: {@link io.dcganexplorer.train.GanTrainer} is the state machine (start, pause, resume,
 * stop) and a loop that reads like pytorch/examples' {@code main.py}: each step is
 * {@link io.dcganexplorer.model.GanStep} with Adam's updates, run by a
 * {@link io.dcganexplorer.train.TrainingSession} that owns every native object on the training
 * thread; what a step leaves behind (metrics.csv, sample grids, checkpoints and their pruning, the
 * divergence guard, images/s) are hooks around that loop, and callers hear plain
 * {@link io.dcganexplorer.train.StepMetrics} and grids through
 * {@link io.dcganexplorer.train.TrainingListener}s. {@link io.dcganexplorer.train.TrainingOptions}
 * holds the paper's defaults; the run directory ({@link io.dcganexplorer.train.RunDirectory}),
 * atomic versioned checkpoints ({@link io.dcganexplorer.train.Checkpoint},
 * {@link io.dcganexplorer.train.TensorFile}) with their {@link io.dcganexplorer.train.Provenance},
 * and the optimiser whose state they save ({@link io.dcganexplorer.train.Adam}) live here. It
 * depends on {@code model}, {@code data}, {@code image} and {@code files}; {@code eval},
 * {@code latent}, {@code cli} and {@code ui} may depend on it. No JavaFX here.
 */
package io.dcganexplorer.train;
