/**
 * The JavaFX desktop app: view-models and the views built on them. View-models
 * ({@code SettingsViewModel}, {@code DatasetViewModel}, {@code TrainingViewModel},
 * {@code ExploreViewModel}, {@code ArithmeticViewModel}) hold no Node
 * and are tested without a window; views are built in code (constructor, then createView and
 * initListeners). Only plain data (StepMetrics, Pixels, strings) arrives here from training, in
 * batches at most 20 times a second ({@code TrainingFeed}); the FX thread never touches an NDArray
 * and never waits on the trainer. The Explore tab renders through a latent {@code GeneratorSession}
 * opened off the FX thread. May depend on train, data, latent, model (configuration only) and image;
 * nothing below depends on it.
 */
package io.dcganexplorer.ui;
