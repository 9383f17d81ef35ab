/**
 * The JavaFX desktop app: view-models and the views built on them. A tab's view-model is a facade
 * over small named parts, each of which fits in a head: {@code TrainingViewModel} over
 * {@code RunState}, {@code TrainingRun}, {@code TrainingProgress}, {@code TrainingCharts},
 * {@code SampleHistory} and {@code TrainingScores}; {@code ExploreViewModel} over
 * {@code OpenGenerator} (the generator that the other panels depend on explicitly),
 * {@code CurrentLatent}, {@code SavedLatents}, {@code DirectionSliders} and {@code LatentWalk};
 * {@code ArithmeticViewModel} over {@code ExemplarGroups}, {@code ArithmeticGrids},
 * {@code AutoFillJob} and {@code AttributeCnn}; besides them {@code SettingsViewModel},
 * {@code DatasetViewModel}, {@code DirectionsViewModel}, {@code ArithmeticSweepViewModel} and
 * {@code EvaluateViewModel}. View-models hold no Node and are tested without a window; views are
 * built in code from small panes (constructor, then createView and initListeners), with shared
 * control builders in {@code Fx}. Only plain data (StepMetrics, Pixels, strings) arrives here
 * from training, in batches at most 20 times a second ({@code TrainingFeed}); the FX thread never
 * touches an NDArray and never waits on the trainer. The Explore tab renders through a latent
 * {@code GeneratorSession} opened off the FX thread. May depend on latent, eval, train, model,
 * data, image and files; nothing depends on it but {@code io.dcganexplorer.Main}.
 */
package io.dcganexplorer.ui;
