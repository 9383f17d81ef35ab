/**
 * What a trained model is worth, measured: the discriminator as a feature extractor (paper
 * section 5; {@link io.dcganexplorer.eval.DiscriminatorFeatures}, its BatchNorm statistics
 * re-estimated by {@link io.dcganexplorer.eval.BatchNormReestimation}) and the representation probe
 * built on it ({@link io.dcganexplorer.eval.RepresentationProbe}: a linear SVM or logistic probe on
 * few labels, against raw pixels and the supervised baseline); the sample-quality score
 * ({@link io.dcganexplorer.eval.Scorer}: the Frechet distance in the features of a small CNN the
 * project trains on real pixels, also scored during training by
 * {@link io.dcganexplorer.eval.TrainingScorer} into {@code scores.csv}); and the attribute probes
 * ({@link io.dcganexplorer.eval.AttributeClassifier}, {@link io.dcganexplorer.eval.AttributeExpression})
 * that the face arithmetic and the directions score generated samples with; and the nearest training
 * images of a query in pixel and D-feature space ({@link io.dcganexplorer.eval.NeighbourIndex}, its
 * features cached per checkpoint). It depends on
 * {@code train}, {@code model}, {@code data}, {@code image} and {@code files}; {@code latent},
 * {@code cli} and {@code ui} use it. No JavaFX here.
 */
package io.dcganexplorer.eval;
