package com.example.app.auth;

import com.example.app.config.AppProperties;
import com.example.app.web.ApiException;
import com.example.app.web.FieldProblem;
import com.example.app.web.Ids;
import com.example.app.web.JsonBody;
import com.example.app.web.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Sign-up and login; login answers with a short-lived HS256 access token. Password hashing is slow on purpose,
 * so it never runs inside a transaction: each repository call below is its own short transaction, and the
 * connection is back in the pool while {@link PasswordHasher} works (spring.jpa.open-in-view is off).
 */
@RestController
@RequestMapping("/auth")
@Tag(name = "Auth")
public class AuthController {

    private static final Set<String> KEYS = Set.of("email", "password");

    public record Credentials(
            @NotNull @Email @Size(max = 320) String email,
            @NotNull @Size(min = 8, max = 1024) String password) {}

    public record Account(UUID id, String email, Instant createdAt) {}

    public record Token(String accessToken, String tokenType, long expiresIn) {}

    private final AuthAccountRepository users;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final JwtEncoder encoder;
    private final Validation validation;
    private final AppProperties.Jwt settings;
    private final String unknownUserHash;

    public AuthController(
            AuthAccountRepository users,
            PasswordHasher passwords,
            LoginThrottle throttle,
            JwtEncoder encoder,
            Validation validation,
            AppProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.encoder = encoder;
        this.validation = validation;
        this.settings = properties.jwt();
        // Unknown emails are checked against this hash, so they take as long as known ones.
        this.unknownUserHash = passwords.hash("not-a-real-password");
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an account")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Credentials.class)))
    public ResponseEntity<Account> signup(@RequestBody JsonNode body) {
        Credentials input = read(body);
        String email = input.email().toLowerCase(Locale.ROOT);
        if (users.existsByEmail(email)) {
            throw emailTaken();
        }
        AuthAccount user = new AuthAccount(
                Ids.newId(),
                email,
                passwords.hash(input.password()),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException e) {
            // another sign-up with the same email won the race while this one was hashing
            throw emailTaken();
        }
        return ResponseEntity.created(URI.create("/auth/me"))
                .body(new Account(user.getId(), user.getEmail(), user.getCreatedAt()));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange email and password for an access token")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Credentials.class)))
    public Token login(@RequestBody JsonNode body, HttpServletRequest request) {
        JsonBody json = JsonBody.of(body, KEYS);
        String email = json.string("email");
        String password = json.string("password");
        if (!json.errors().isEmpty() || email == null || password == null) {
            throw ApiException.validation(
                    json.errors().isEmpty()
                            ? List.of(new FieldProblem(email == null ? "email" : "password", "must not be null"))
                            : json.errors());
        }
        String address = request.getRemoteAddr();
        long wait = throttle.retryAfterSeconds(email, address);
        if (wait > 0) {
            throw ApiException.retryAfter(
                    HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins; try again later", wait);
        }
        AuthAccount user = users.findByEmail(email.toLowerCase(Locale.ROOT)).orElse(null);
        boolean ok = passwords.matches(password, user == null ? unknownUserHash : user.getPasswordHash());
        if (user == null || !ok) {
            throttle.failed(email, address);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "Invalid email or password", List.of());
        }
        throttle.succeeded(email);
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .audience(List.of(settings.audience()))
                .subject(user.getId().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(settings.ttlSeconds()))
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new Token(token, "Bearer", settings.ttlSeconds());
    }

    private static ApiException emailTaken() {
        return new ApiException(
                HttpStatus.CONFLICT,
                "Conflict",
                "An account with this email already exists",
                List.of(new FieldProblem("email", "is already taken")));
    }

    private Credentials read(JsonNode body) {
        JsonBody json = JsonBody.of(body, KEYS);
        return validation.valid(json, new Credentials(json.string("email"), json.string("password")));
    }
}
