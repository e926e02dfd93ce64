package com.patientcobridge.ops.login;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console's users: those configured (or the generated admin), each with the password its user
 * last chose ({@code bridge.ops_password}) in place of the configured one.
 */
public class OpsUserDirectory implements UserDetailsService {

    /** The shortest password a user may choose. */
    public static final int MIN_LENGTH = 12;

    private final Map<String, UserDetails> configured = new LinkedHashMap<>();
    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    public OpsUserDirectory(List<UserDetails> users, JdbcTemplate jdbc, PasswordEncoder encoder) {
        users.forEach(u -> configured.put(u.getUsername(), u));
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserDetails user = configured.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        List<String> chosen = jdbc.queryForList("SELECT hash FROM bridge.ops_password WHERE username = ?",
                String.class, username);
        // A copy each time: Spring Security erases the password of the user it authenticated.
        return chosen.isEmpty() ? User.withUserDetails(user).build()
                : User.withUserDetails(user).password(chosen.get(0)).build();
    }

    /** The user's new password, after the current one is checked; an IllegalArgumentException says why not. */
    public void change(String username, String current, String chosen) {
        UserDetails user = loadUserByUsername(username);
        if (current == null || !encoder.matches(current, user.getPassword())) {
            throw new IllegalArgumentException("the current password is not right");
        }
        if (chosen == null || chosen.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the new password must have at least " + MIN_LENGTH + " characters");
        }
        if (chosen.equals(current)) {
            throw new IllegalArgumentException("the new password must differ from the current one");
        }
        jdbc.update("INSERT INTO bridge.ops_password (username, hash) VALUES (?, ?) ON CONFLICT (username) "
                + "DO UPDATE SET hash = excluded.hash, changed_at = now()", username, encoder.encode(chosen));
    }
}
