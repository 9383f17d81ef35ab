package io.dcganexplorer.files;

import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Uncompressed ("stored") zip entries, the way {@code torch.save} and TorchScript archives hold
 * their records, so that libtorch and PyTorch can map the raw storages straight from the file.
 */
public final class StoredZip {
    private StoredZip() {}

    /** Adds {@code content} to {@code zip} as the stored entry {@code name}. */
    public static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }
}
