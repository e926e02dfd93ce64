package com.patientcobridge.patientco.inbound;

import com.patientcobridge.privacy.CardNumbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where an unreadable inbound file is kept for a person to look at: a copy with every run of six or
 * more digits masked to its last four, readable by the bridge's user only (folder 0700, file 0600).
 * The original is deleted: it may hold a card number.
 */
final class Quarantine {

    private static final int MASK_FROM_DIGITS = 6;
    private final Path folder;

    Quarantine(Path folder) {
        this.folder = folder;
    }

    /** Keeps the masked copy; returns its path. */
    Path keep(String safeName, byte[] content) {
        try {
            Files.createDirectories(folder);
            restrict(folder, "rwx------");
            String masked = CardNumbers.maskRuns(new String(content, StandardCharsets.UTF_8), MASK_FROM_DIGITS);
            Path file = folder.resolve(safeName + ".masked");
            Path tmp = folder.resolve("." + safeName + ".tmp");
            Files.write(tmp, masked.getBytes(StandardCharsets.UTF_8));
            restrict(tmp, "rw-------");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a masked copy in " + folder, e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }
}
