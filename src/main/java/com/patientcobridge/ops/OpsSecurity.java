package com.patientcobridge.ops;

import com.patientcobridge.ops.audit.AuditLog;
import com.patientcobridge.ops.login.LoginThrottle;
import com.patientcobridge.ops.login.OpsUserDirectory;
import com.patientcobridge.ops.login.ThrottledLogin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Login for the operations page and API: viewers see, operators also run, replay and resolve.
 * CSRF-protected (the page sends the cookie's token back in a header); health and metrics open to monitoring.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsSecurity.OpsProperties.class)
class OpsSecurity {

    /** {@code bridge.ops.users}: username, password-hash (bcrypt), role. */
    @ConfigurationProperties("bridge.ops")
    record OpsProperties(List<OpsUsers.Configured> users) {
        OpsProperties {
            users = users == null ? List.of() : users;
        }
    }

    /** Spring Security defers the CSRF token; the page reads it from the cookie, so load it on every request. */
    static final class CsrfCookieFilter extends org.springframework.web.filter.OncePerRequestFilter {
        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, java.io.IOException {
            Object token = request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
            if (token instanceof org.springframework.security.web.csrf.CsrfToken csrf) {
                csrf.getToken();
            }
            chain.doFilter(request, response);
        }
    }

    @Bean
    OpsUserDirectory opsUsers(OpsProperties properties, @Value("${bridge.data-dir:data}") String dataDir,
            JdbcTemplate jdbc, PasswordEncoder encoder) throws IOException {
        return new OpsUserDirectory(OpsUsers.load(properties.users(), Path.of(dataDir)), jdbc, encoder);
    }

    /** {@code bridge.ops.login}: failures allowed before logins slow, the first delay, failures to lock out, for how long. */
    @Bean
    LoginThrottle loginThrottle(JdbcTemplate jdbc, @Value("${bridge.ops.login.free-failures:3}") int free,
            @Value("${bridge.ops.login.lockout-failures:10}") int lockoutAt,
            @Value("${bridge.ops.login.first-delay:PT5S}") Duration firstDelay,
            @Value("${bridge.ops.login.lockout:PT15M}") Duration lockout) {
        return new LoginThrottle(jdbc, Clock.systemUTC(), free, lockoutAt, firstDelay, lockout);
    }

    @Bean
    ThrottledLogin throttledLogin(OpsUserDirectory users, PasswordEncoder encoder, LoginThrottle throttle,
            AuditLog audit) {
        return new ThrottledLogin(users, encoder, throttle, f -> audit.record(AuditLog.Entry.of(
                f.username() == null ? "" : f.username(), "login-failed", "user:" + f.username(), f.reason(),
                f.address())));
    }

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc) {
        return new AuditLog(jdbc);
    }

    /** A good login through the form (each HTTP Basic request is not a login of its own). */
    @Bean
    org.springframework.context.ApplicationListener<InteractiveAuthenticationSuccessEvent> loginAudit(AuditLog audit) {
        return event -> {
            var who = event.getAuthentication();
            String address = who.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
            audit.record(AuditLog.Entry.of(who.getName(), "login", "user:" + who.getName(), null, address));
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Scripts of our own and of the server only, no framing, no referrer: the page carries PHI. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    SecurityFilterChain opsFilterChain(HttpSecurity http,
            @Value("${patientco.webhook.path:/patientco/webhooks}") String webhookPath,
            @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) throws Exception {
        CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();
        plain.setCsrfRequestAttributeName(null);
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        // Logins go through the ThrottledLogin bean, the global authentication manager's one provider
        // (given here too, a failure would be tried, and counted, twice).
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/login",
                                "/ops/style.css").permitAll()
                        // Patientco's deliveries carry their own credential, the HMAC signature checked by the consumer.
                        .requestMatchers(HttpMethod.POST, webhookPath).permitAll()
                        // Each user changes their own password.
                        .requestMatchers(HttpMethod.POST, "/ops/api/password").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.POST, "/ops/api/**").hasRole("OPERATOR")
                        .requestMatchers("/", "/ops/**").hasRole("VIEWER")
                        .anyRequest().authenticated())
                .formLogin(form -> form.defaultSuccessUrl("/ops/index.html", true))
                .httpBasic(basic -> { })
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.csrfTokenRepository(tokens)
                        .csrfTokenRequestHandler(plain)
                        .ignoringRequestMatchers(request -> request.getServletPath().equals(webhookPath))
                        // A script sending HTTP Basic on every request has no session a forged page could ride on;
                        // a request that carries the session cookie is checked, whatever other header it has.
                        .ignoringRequestMatchers(request -> basicWithoutSession(request, sessionCookie)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy
                                        .NO_REFERRER)))
                .addFilterAfter(new CsrfCookieFilter(), org.springframework.security.web.authentication.www
                        .BasicAuthenticationFilter.class);
        return http.build();
    }

    static boolean basicWithoutSession(jakarta.servlet.http.HttpServletRequest request, String sessionCookie) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        return cookies == null || java.util.Arrays.stream(cookies).noneMatch(c -> c.getName().equals(sessionCookie));
    }
}
