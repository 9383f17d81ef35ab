package io.dcganexplorer.model;

import java.util.Locale;

/**
 * Architecture of a DCGAN: everything needed to build the generator and discriminator, and
 * nothing about training. Two configs with equal fields build networks with identical
 * parameter shapes, which is what a checkpoint is checked against.
 *
 * @param imageSize side of the square images, a power of two from 16 to 128
 * @param channels 1 (gray) or 3 (RGB)
 * @param latentDim size of z (the paper's 100)
 * @param generatorFeatures ngf: channels of the generator's last hidden stage; doubled per stage
 *     towards the 4x4 top
 * @param discriminatorFeatures ndf: channels of the discriminator's first stage; doubled per stage
 * @param kernel kernel geometry of the stride-2 stages
 * @param prior distribution of z
 */
public record DcganConfig(
        int imageSize,
        int channels,
        int latentDim,
        int generatorFeatures,
        int discriminatorFeatures,
        KernelPreset kernel,
        ZPrior prior) {

    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 128;

    public DcganConfig {
        if (imageSize < MIN_SIZE || imageSize > MAX_SIZE || Integer.bitCount(imageSize) != 1) {
            throw new IllegalArgumentException(
                    "image size must be a power of two from 16 to 128, got " + imageSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (latentDim < 1 || latentDim > 4096) {
            throw new IllegalArgumentException("latent size must be 1 to 4096, got " + latentDim);
        }
        if (generatorFeatures < 1 || generatorFeatures > 1024) {
            throw new IllegalArgumentException("generator width must be 1 to 1024, got " + generatorFeatures);
        }
        if (discriminatorFeatures < 1 || discriminatorFeatures > 1024) {
            throw new IllegalArgumentException(
                    "discriminator width must be 1 to 1024, got " + discriminatorFeatures);
        }
        java.util.Objects.requireNonNull(kernel, "kernel");
        java.util.Objects.requireNonNull(prior, "prior");
    }

    /** Named starting points. */
    public enum Preset {
        /** 4x4 kernels, ngf = ndf = 64, N(0, 1) z: what most people run (pytorch/examples). */
        PYTORCH,
        /** The authors' faces model: 5x5 kernels, ngf = ndf = 128, uniform z. */
        PAPER;

        public static Preset parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** A preset at the given image size and channel count, latent size 100. */
    public static DcganConfig preset(Preset preset, int imageSize, int channels) {
        return switch (preset) {
            case PYTORCH -> new DcganConfig(imageSize, channels, 100, 64, 64, KernelPreset.K4, ZPrior.NORMAL);
            case PAPER -> new DcganConfig(imageSize, channels, 100, 128, 128, KernelPreset.K5, ZPrior.UNIFORM);
        };
    }

    /** Number of stride-2 stages between 4x4 and the image size (3 for 32, 4 for 64). */
    public int stages() {
        return Integer.numberOfTrailingZeros(imageSize) - 2;
    }

    public DcganConfig withLatentDim(int z) {
        return new DcganConfig(imageSize, channels, z, generatorFeatures, discriminatorFeatures, kernel, prior);
    }

    public DcganConfig withFeatures(int ngf, int ndf) {
        return new DcganConfig(imageSize, channels, latentDim, ngf, ndf, kernel, prior);
    }

    public DcganConfig withPrior(ZPrior p) {
        return new DcganConfig(imageSize, channels, latentDim, generatorFeatures, discriminatorFeatures, kernel, p);
    }

    /** One line for logs and error messages, e.g. "32x32x3, z=100, ngf=64, ndf=64, K4". */
    public String summary() {
        return imageSize + "x" + imageSize + "x" + channels + ", z=" + latentDim + ", ngf=" + generatorFeatures
                + ", ndf=" + discriminatorFeatures + ", " + kernel + " kernels, "
                + prior.name().toLowerCase(Locale.ROOT) + " z";
    }
}
