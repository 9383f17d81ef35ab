package io.dcganexplorer.model;

/**
 * Plain-Java convolutions in double precision, written straight from their definitions: the
 * known answers that {@link NumericsCheck} and the equivalence tests hold libtorch's kernels to.
 * Arrays are NCHW, weights in PyTorch's layouts, no bias.
 */
public final class ConvReference {
    private ConvReference() {}

    /** Forward value and the gradients of {@code sum(y * r)} with respect to x and w. */
    public record Result(double[] y, double[] dx, double[] dw) {}

    /** One geometry: batch, channels in and out, input height and width, kernel, stride, padding, output padding. */
    public record Geometry(int n, int cin, int cout, int h, int w, int k, int s, int p, int op) {
        /** Output height of the convolution ({@code transposed} false) or transposed convolution. */
        public int outH(boolean transposed) {
            return transposed ? Ops.transposedOutputSize(h, k, s, p, op) : (h + 2 * p - k) / s + 1;
        }

        public int outW(boolean transposed) {
            return transposed ? Ops.transposedOutputSize(w, k, s, p, op) : (w + 2 * p - k) / s + 1;
        }

        @Override
        public String toString() {
            return n + "x" + cin + "x" + h + "x" + w + " -> " + cout + " ch, k" + k + " s" + s + " p" + p
                    + (op != 0 ? " op" + op : "");
        }
    }

    /**
     * Transposed convolution {@code out[o = i*s - p + k] += x[i] * w[k]} ({@code w}: Cin x Cout x k x k)
     * and its gradients for the upstream gradient {@code r} (N x Cout x H' x W').
     */
    public static Result convTranspose2d(float[] x, float[] w, float[] r, Geometry g) {
        int oh = g.outH(true);
        int ow = g.outW(true);
        int k = g.k();
        double[] y = new double[g.n() * g.cout() * oh * ow];
        double[] dx = new double[x.length];
        double[] dw = new double[w.length];
        for (int b = 0; b < g.n(); b++) {
            for (int ci = 0; ci < g.cin(); ci++) {
                for (int iy = 0; iy < g.h(); iy++) {
                    for (int ix = 0; ix < g.w(); ix++) {
                        int xi = ((b * g.cin() + ci) * g.h() + iy) * g.w() + ix;
                        for (int co = 0; co < g.cout(); co++) {
                            for (int ky = 0; ky < k; ky++) {
                                int oy = iy * g.s() - g.p() + ky;
                                if (oy < 0 || oy >= oh) {
                                    continue;
                                }
                                for (int kx = 0; kx < k; kx++) {
                                    int ox = ix * g.s() - g.p() + kx;
                                    if (ox < 0 || ox >= ow) {
                                        continue;
                                    }
                                    int wi = ((ci * g.cout() + co) * k + ky) * k + kx;
                                    int yi = ((b * g.cout() + co) * oh + oy) * ow + ox;
                                    y[yi] += (double) x[xi] * w[wi];
                                    dx[xi] += (double) r[yi] * w[wi];
                                    dw[wi] += (double) r[yi] * x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Result(y, dx, dw);
    }

    /**
     * Strided convolution ({@code w}: Cout x Cin x k x k; output padding unused) and its gradients
     * for the upstream gradient {@code r} (N x Cout x H' x W').
     */
    public static Result conv2d(float[] x, float[] w, float[] r, Geometry g) {
        int oh = g.outH(false);
        int ow = g.outW(false);
        int k = g.k();
        double[] y = new double[g.n() * g.cout() * oh * ow];
        double[] dx = new double[x.length];
        double[] dw = new double[w.length];
        for (int b = 0; b < g.n(); b++) {
            for (int co = 0; co < g.cout(); co++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int yi = ((b * g.cout() + co) * oh + oy) * ow + ox;
                        for (int ci = 0; ci < g.cin(); ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                int iy = oy * g.s() - g.p() + ky;
                                if (iy < 0 || iy >= g.h()) {
                                    continue;
                                }
                                for (int kx = 0; kx < k; kx++) {
                                    int ix = ox * g.s() - g.p() + kx;
                                    if (ix < 0 || ix >= g.w()) {
                                        continue;
                                    }
                                    int xi = ((b * g.cin() + ci) * g.h() + iy) * g.w() + ix;
                                    int wi = ((co * g.cin() + ci) * k + ky) * k + kx;
                                    y[yi] += (double) x[xi] * w[wi];
                                    dx[xi] += (double) r[yi] * w[wi];
                                    dw[wi] += (double) r[yi] * x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Result(y, dx, dw);
    }
}
