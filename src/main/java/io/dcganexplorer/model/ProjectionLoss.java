package io.dcganexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The loss that projecting an image into z minimises, per start (row of z), written once for the
 * projection ({@code latent.Projector}) and for the numerics check, which holds its gradient with
 * respect to z to float64 ({@link NumericsCheck}). Both networks run in inference mode (BatchNorm
 * with its running statistics), so the rows of a batch are independent and summing their losses
 * gives every row its own gradient.
 *
 * <pre>
 * loss(z) = pixel + featureWeight * feature + priorWeight * prior
 *   pixel   = mean over C, H, W of (G(z) - target)^2, images in [-1, 1]
 *   feature = mean over D's conv stages of: mean over positions of |f(G(z)) - f(target)|^2,
 *             f = a stage's activation with its channel vector at each position scaled to unit length
 *   prior   = (|z|^2 / dim - 1)^2 for the normal prior, 0 for the uniform one (z is clipped instead)
 * </pre>
 *
 * <p>The feature term is LPIPS without learned weights, on the run's own discriminator instead of a
 * downloaded network: unit-normalising each position's channels makes the stages comparable (each
 * term lies in [0, 4]) whatever the scale of their activations. The prior term keeps |z| on the shell
 * of radius sqrt(dim) where a normal z has its mass (|z|^2 / dim is 1 +- sqrt(2 / dim)); a penalty on
 * |z|^2 itself, the log-density, would pull z toward 0, where the density is highest but no sample
 * ever lies and G renders a blurred average face.
 */
public final class ProjectionLoss {
    private static final float EPS = 1e-8f;

    private ProjectionLoss() {}

    /** How much each term counts. */
    public record Weights(float feature, float prior) {
        public static final Weights DEFAULT = new Weights(0.1f, 0.05f);
    }

    /**
     * The terms, each of shape (N).
     *
     * @param total what is minimised
     * @param pixel mean squared pixel difference in [-1, 1] units
     * @param feature D-feature distance
     * @param images G(z), N x C x S x S
     */
    public record Terms(NDArray total, NDArray pixel, NDArray feature, NDArray images) {}

    /** D's conv-stage activations of {@code x}, each position's channel vector unit length. */
    public static NDList features(Discriminator d, NDArray x) {
        NDList stages = d.features(x, false);
        NDList out = new NDList();
        for (int i = 0; i < d.config().stages(); i++) {
            NDArray a = stages.get(i);
            NDArray norm = a.square().sum(new int[] {1}, true).add(EPS).sqrt();
            out.add(a.div(norm));
        }
        return out;
    }

    /**
     * The loss of every row of {@code z}.
     *
     * @param z N x latentDim
     * @param target 1 x C x S x S (broadcast over the rows), in [-1, 1]
     * @param targetFeatures {@link #features} of the target
     * @param scope manager for temporaries of the generator
     */
    public static Terms compute(Generator g, Discriminator d, NDArray z, NDArray target, NDList targetFeatures,
            Weights w, ai.djl.ndarray.NDManager scope) {
        NDArray images = g.forward(z, false, scope);
        long n = z.getShape().get(0);
        NDArray pixel = images.sub(target).square().reshape(n, -1).mean(new int[] {1});
        NDList f = features(d, images);
        NDArray feature = null;
        for (int i = 0; i < f.size(); i++) {
            NDArray term = f.get(i).sub(targetFeatures.get(i)).square().sum(new int[] {1}).reshape(n, -1)
                    .mean(new int[] {1});
            feature = feature == null ? term : feature.add(term);
        }
        feature = feature.div(f.size());
        NDArray total = pixel.add(feature.mul(w.feature()));
        if (g.config().prior() == ZPrior.NORMAL && w.prior() > 0) {
            NDArray shell = z.square().mean(new int[] {1}).sub(1f).square();
            total = total.add(shell.mul(w.prior()));
        }
        return new Terms(total, pixel, feature, images);
    }
}
