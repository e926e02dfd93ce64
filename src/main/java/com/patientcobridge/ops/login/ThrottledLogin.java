package com.patientcobridge.ops.login;

import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password logins (the form and HTTP Basic), refused while {@link LoginThrottle} keeps the door
 * shut for the user or the address; every failure is counted and reported to {@code onFailure}
 * (the audit log) with why.
 */
public class ThrottledLogin extends DaoAuthenticationProvider {

    /** A failed login: who tried, from where, why it failed. */
    public record Failure(String username, String address, String reason) {
    }

    private final LoginThrottle throttle;
    private final Consumer<Failure> onFailure;

    public ThrottledLogin(OpsUserDirectory users, org.springframework.security.crypto.password.PasswordEncoder encoder,
            LoginThrottle throttle, Consumer<Failure> onFailure) {
        super(encoder);
        setUserDetailsService(users);
        // A wrong name and a wrong password read the same to the one trying.
        setHideUserNotFoundExceptions(true);
        this.throttle = throttle;
        this.onFailure = onFailure;
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        String username = login.getName();
        String address = login.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        Instant closed = throttle.closedUntil(username, address);
        if (closed != null) {
            onFailure.accept(new Failure(username, address, "refused: too many failed logins, closed until " + closed));
            throw new LockedException("Too many failed logins: try again after " + closed);
        }
        try {
            Authentication done = super.authenticate(login);
            throttle.succeeded(username, address);
            return done;
        } catch (BadCredentialsException e) {
            throttle.failed(username, address);
            onFailure.accept(new Failure(username, address, "bad credentials"));
            throw e;
        }
    }
}
