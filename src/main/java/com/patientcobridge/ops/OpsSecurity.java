package com.patientcobridge.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
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
    UserDetailsService opsUsers(OpsProperties properties, @Value("${bridge.data-dir:data}") String dataDir)
            throws IOException {
        return new InMemoryUserDetailsManager(OpsUsers.load(properties.users(), Path.of(dataDir)));
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
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/login",
                                "/ops/style.css").permitAll()
                        // Patientco's deliveries carry their own credential, the HMAC signature checked by the consumer.
                        .requestMatchers(HttpMethod.POST, webhookPath).permitAll()
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
