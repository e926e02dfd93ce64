package com.patientcobridge.patientco.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Keeps every downloaded PDF and report under {@code <root>/<kind>/<date>/}, each with a
 * {@code .sha256} file in {@code sha256sum} format, so a file can be proven unchanged later.
 */
public final class DownloadArchive {

    /** A file kept, and its checksum. */
    public record Archived(Path file, String sha256) {
    }

    private final Path root;

    public DownloadArchive(Path root) {
        this.root = root;
    }

    public Archived save(String kind, String name, byte[] content) {
        String sha = sha256(content);
        Path dir = root.resolve(kind).resolve(LocalDate.now(ZoneOffset.UTC).toString());
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_"));
            Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.writeString(dir.resolve(file.getFileName() + ".sha256"), sha + "  " + file.getFileName() + "\n",
                    StandardCharsets.UTF_8);
            return new Archived(file, sha);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot archive " + name + " under " + dir, e);
        }
    }

    public static String sha256(byte[] content) {
        return DigestUtils.sha256Hex(content);
    }
}
