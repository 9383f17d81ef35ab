/**
 * Training images: the {@link io.dcganexplorer.data.ImageDataset} interface and its sources (IDX
 * files such as MNIST and Fashion-MNIST, folders of images, CelebA with its attribute table, and
 * the built-in procedural faces, each an {@code AbstractImageDataset}, which holds the shape they
 * share and reads images kept as bytes), the {@link io.dcganexplorer.data.DatasetSpec} strings that name
 * them, discovery of what is installed, and the deterministic {@link
 * io.dcganexplorer.data.BatchStream} that feeds the trainer. Everything here is plain Java, AWT
 * imaging and {@code io.dcganexplorer.image}: no DJL and no JavaFX, so train, eval, latent, cli
 * and ui may all depend on it, and it depends on nothing above {@code image}.
 */
package io.dcganexplorer.data;
