/**
 * Pictures as plain data: {@link io.dcganexplorer.image.Pixels} (packed ARGB, the only image type
 * that crosses from the engine to the UI), tensor-to-pixel conversion and grids
 * ({@link io.dcganexplorer.image.ImageGrids}), and PNG and GIF files written atomically
 * ({@link io.dcganexplorer.image.PngFiles}, {@link io.dcganexplorer.image.GifWriter}). Plain Java
 * and AWT imaging; of ours it depends only on {@code files}, and every other package may use it.
 */
package io.dcganexplorer.image;
