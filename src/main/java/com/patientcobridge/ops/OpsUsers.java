package com.patientcobridge.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The operations page's users: from configuration ({@code bridge.ops.users[n].username,
 * password-hash (bcrypt), role viewer|operator}); with none configured, an operator named
 * {@code admin} whose random password is printed once at first start and whose hash is kept under the data folder.
 */
final class OpsUsers {

    private static final Logger LOG = LoggerFactory.getLogger(OpsUsers.class);

    /** One configured user. */
    record Configured(String username, String passwordHash, String role) {
    }

    private OpsUsers() {
    }

    static List<UserDetails> load(List<Configured> configured, Path dataDir) throws IOException {
        List<UserDetails> users = new ArrayList<>();
        for (Configured c : configured) {
            String role = "operator".equalsIgnoreCase(c.role()) ? "OPERATOR" : "VIEWER";
            users.add(User.withUsername(c.username()).password("{bcrypt}" + c.passwordHash())
                    .roles(role.equals("OPERATOR") ? new String[] {"OPERATOR", "VIEWER"} : new String[] {"VIEWER"})
                    .build());
        }
        if (users.isEmpty()) {
            users.add(generated(dataDir));
        }
        return users;
    }

    private static UserDetails generated(Path dataDir) throws IOException {
        Path file = dataDir.resolve("ops-admin.properties");
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            }
        } else {
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            p.setProperty("hash", new BCryptPasswordEncoder().encode(password));
            Files.createDirectories(dataDir);
            try (var out = Files.newOutputStream(file)) {
                p.store(out, "bcrypt hash of the generated operations user 'admin'");
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            // Printed once, to the console only, so the person who started the bridge can log in.
            System.out.println("Operations page user 'admin', password " + password
                    + " (shown once; set bridge.ops.users to configure users)");
            LOG.info("Generated the operations user 'admin'; its hash is in {}", file);
        }
        return User.withUsername("admin").password("{bcrypt}" + p.getProperty("hash")).roles("OPERATOR", "VIEWER")
                .build();
    }
}
