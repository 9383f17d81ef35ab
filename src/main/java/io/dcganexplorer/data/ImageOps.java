package io.dcganexplorer.data;

import java.awt.image.BufferedImage;

/**
 * Pixel plumbing shared by the datasets: cropping a decoded image, converting to gray or RGB,
 * resampling, and packing into bytes. Planes are CHW floats in [0, 255].
 *
 * <p>Resampling is our own separable filter rather than Java2D's scaling so that the result is
 * the same on every JVM and platform: a box (area) filter when shrinking, which avoids the
 * aliasing of a plain bilinear downscale, and bilinear interpolation (pixel centres aligned, as in
 * PyTorch's {@code align_corners=False}) when enlarging, e.g. MNIST's 28 to 32 or 64.
 */
final class ImageOps {
    private ImageOps() {}

    /** Side of a centred square crop, and its corner. */
    record Crop(int x, int y, int side) {
        /** The largest centred square of a {@code w x h} image. */
        static Crop centreSquare(int w, int h) {
            int side = Math.min(w, h);
            return new Crop((w - side) / 2, (h - side) / 2, side);
        }
    }

    /**
     * Reads the crop out of {@code img} as CHW planes of {@code channels} (1: luminance with
     * ITU-R 601 weights, as PIL's convert("L"); 3: RGB). Alpha is composited over black.
     */
    static float[] planes(BufferedImage img, Crop crop, int channels) {
        int s = crop.side();
        int[] argb = img.getRGB(crop.x(), crop.y(), s, s, null, 0, s);
        return planes(argb, s * s, channels, new float[channels * s * s]);
    }

    /** {@link #planes(BufferedImage, Crop, int)} from packed ARGB pixels into {@code out}, which it returns. */
    static float[] planes(int[] argb, int plane, int channels, float[] out) {
        for (int p = 0; p < plane; p++) {
            int c = argb[p];
            float a = ((c >>> 24) & 0xFF) / 255f;
            float r = ((c >> 16) & 0xFF) * a;
            float g = ((c >> 8) & 0xFF) * a;
            float b = (c & 0xFF) * a;
            if (channels == 1) {
                out[p] = 0.299f * r + 0.587f * g + 0.114f * b;
            } else {
                out[p] = r;
                out[plane + p] = g;
                out[2 * plane + p] = b;
            }
        }
        return out;
    }

    /** Resamples each of {@code channels} square planes from side {@code from} to side {@code to}. */
    static float[] resize(float[] src, int channels, int from, int to) {
        if (from == to) {
            return src;
        }
        return resize(src, channels, Kernel.of(from, to), from, to, new float[from * to],
                new float[channels * to * to]);
    }

    /**
     * {@link #resize(float[], int, int, int)} with weights kept from {@link Kernel#of} and the caller's
     * buffers: {@code tmp} of {@code from * to}, {@code out} of {@code channels * to * to}, returned.
     */
    static float[] resize(float[] src, int channels, Kernel k, int from, int to, float[] tmp, float[] out) {
        for (int c = 0; c < channels; c++) {
            int sBase = c * from * from;
            // rows first: from x from -> from (rows) x to (columns)
            for (int y = 0; y < from; y++) {
                for (int x = 0; x < to; x++) {
                    tmp[y * to + x] = k.apply(src, sBase + y * from, 1, x);
                }
            }
            int dBase = c * to * to;
            for (int x = 0; x < to; x++) {
                for (int y = 0; y < to; y++) {
                    out[dBase + y * to + x] = k.apply(tmp, x, to, y);
                }
            }
        }
        return out;
    }

    /** Rounds and clamps [0, 255] floats into unsigned bytes. */
    static byte[] toBytes(float[] v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            int b = Math.round(v[i]);
            out[i] = (byte) (b < 0 ? 0 : Math.min(b, 255));
        }
        return out;
    }

    /**
     * Writes {@code stored} (an image of {@code storedChannels} byte planes of {@code plane}
     * pixels, starting at {@code from}) into {@code dst} as {@code channels} planes in [-1, 1],
     * replicating gray into RGB when needed.
     */
    static void expand(byte[] stored, int from, int storedChannels, int plane, int channels, float[] dst,
            int offset) {
        for (int c = 0; c < channels; c++) {
            int s = from + (storedChannels == 1 ? 0 : c) * plane;
            int d = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                dst[d + p] = (stored[s + p] & 0xFF) / 127.5f - 1f;
            }
        }
    }

    /** Same as {@link #expand} for float planes in [0, 255]. */
    static void expand(float[] planes, int storedChannels, int plane, int channels, float[] dst, int offset) {
        for (int c = 0; c < channels; c++) {
            int s = (storedChannels == 1 ? 0 : c) * plane;
            int d = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                float v = planes[s + p] / 127.5f - 1f;
                dst[d + p] = v < -1f ? -1f : Math.min(v, 1f);
            }
        }
    }

    /** Checks an image size is a supported power of two. */
    static void checkShape(int imageSize, int channels) {
        if (imageSize < 8 || imageSize > 256 || Integer.bitCount(imageSize) != 1) {
            throw new IllegalArgumentException("image size must be a power of two from 8 to 256, got "
                    + imageSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
    }

    /** Precomputed 1-D resampling weights: output i reads src[start[i] .. start[i] + w[i].length). */
    record Kernel(int[] start, float[][] weights) {
        static Kernel of(int from, int to) {
            int[] start = new int[to];
            float[][] w = new float[to][];
            double scale = (double) from / to;
            for (int i = 0; i < to; i++) {
                if (to < from) {
                    // area: output pixel i covers source interval [i*scale, (i+1)*scale)
                    double a = i * scale;
                    double b = (i + 1) * scale;
                    int s0 = (int) Math.floor(a);
                    int s1 = Math.min(from, (int) Math.ceil(b));
                    start[i] = s0;
                    w[i] = new float[s1 - s0];
                    for (int s = s0; s < s1; s++) {
                        double cover = Math.min(b, s + 1) - Math.max(a, s);
                        w[i][s - s0] = (float) (cover / scale);
                    }
                } else {
                    double centre = (i + 0.5) * scale - 0.5;
                    int s0 = (int) Math.floor(centre);
                    double t = centre - s0;
                    int lo = Math.max(0, Math.min(from - 1, s0));
                    int hi = Math.max(0, Math.min(from - 1, s0 + 1));
                    if (lo == hi) {
                        start[i] = lo;
                        w[i] = new float[] {1f};
                    } else {
                        start[i] = lo;
                        w[i] = new float[] {(float) (1 - t), (float) t};
                    }
                }
            }
            return new Kernel(start, w);
        }

        float apply(float[] src, int base, int stride, int i) {
            float[] wi = weights[i];
            int p = base + start[i] * stride;
            float sum = 0f;
            for (float v : wi) {
                sum += v * src[p];
                p += stride;
            }
            return sum;
        }
    }
}
