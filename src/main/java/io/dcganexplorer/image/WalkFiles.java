package io.dcganexplorer.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A latent walk's frames written to a file, the same way from the command line
 * ({@code interpolate}) and the window (Explore, Walk, Export): a {@code .gif} file is a looping
 * animation, anything else one PNG strip of the frames side by side.
 */
public final class WalkFiles {
    /** Frame time of an animation: 10 frames a second, as the window plays a walk. */
    public static final int FRAME_MS = 100;

    /** The smallest width a frame is upscaled to by default. */
    static final int MIN_WIDTH = 64;

    private WalkFiles() {}

    /**
     * The default upscale for frames {@code size} pixels wide written to {@code file}: an animation
     * is looked at on its own, so small models come out at least 64 wide; a strip keeps the frames'
     * own size.
     */
    public static int defaultZoom(Path file, int size) {
        return isGif(file) ? Math.max(1, MIN_WIDTH / Math.max(1, size)) : 1;
    }

    private static boolean isGif(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif");
    }

    /**
     * Writes {@code frames}, each upscaled {@code zoom} times, as an animation of {@code frameMs}
     * a frame when {@code file} ends in ".gif", else as a PNG strip; atomically either way.
     */
    public static void write(List<Pixels> frames, Path file, int zoom, int frameMs) throws IOException {
        if (isGif(file)) {
            GifWriter.write(frames, frameMs, zoom, file);
        } else {
            List<Pixels> zoomed = frames.stream().map(p -> GifWriter.zoom(p, zoom)).toList();
            PngFiles.write(ImageGrids.tile(zoomed, zoomed.size(), 2), file);
        }
    }
}
