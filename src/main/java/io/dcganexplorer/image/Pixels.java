package io.dcganexplorer.image;

import java.util.Objects;

/**
 * A plain ARGB image: the only picture type that crosses from the engine to the UI.
 * No NDArray, no AWT, no JavaFX, so it can be handed between threads freely.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param argb row-major packed ARGB, {@code width * height} entries
 */
public record Pixels(int width, int height, int[] argb) {
    public Pixels {
        Objects.requireNonNull(argb, "argb");
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException(
                    "pixels of " + width + "x" + height + " need " + (width * height)
                            + " entries, got " + argb.length);
        }
    }

    public int get(int x, int y) {
        return argb[y * width + x];
    }
}
