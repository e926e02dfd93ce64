package com.patientcobridge.patientco.session;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The TOTP steps used, in {@code bridge.totp_step}, shared by every node and process on the
 * database. The secret is kept only as its SHA-256.
 */
public final class JdbcTotpSteps implements TotpSteps {

    private final JdbcTemplate jdbc;

    public JdbcTotpSteps(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String secret, long step) {
        return jdbc.update("INSERT INTO bridge.totp_step (secret_hash, step) VALUES (?, ?) ON CONFLICT (secret_hash) "
                + "DO UPDATE SET step = EXCLUDED.step, used_at = now() WHERE bridge.totp_step.step < EXCLUDED.step",
                DigestUtils.sha256Hex(secret), step) == 1;
    }
}
