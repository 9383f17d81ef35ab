/**
 * Pictures as plain data: {@link io.dcganexplorer.image.Pixels} (packed ARGB, the only image type
 * that crosses from the engine to the UI), tensor-to-pixel conversion and grids
 * ({@link io.dcganexplorer.image.ImageGrids}), and PNG files written atomically
 * ({@link io.dcganexplorer.image.PngFiles}). Plain Java and AWT imaging only: it depends on no
 * package of ours, and every other package may use it.
 */
package io.dcganexplorer.image;
