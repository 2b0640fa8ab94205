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
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Sign-up and login; login answers with a short-lived HS256 access token. */
@RestController
@RequestMapping("/auth")
@Tag(name = "Auth")
public class AuthController {

    private static final Set<String> KEYS = Set.of("email", "password");
    private static final int MAX_PASSWORD_BYTES = 72;

    public record Credentials(
            @NotNull @Email @Size(max = 320) String email,
            @NotNull @Size(min = 8, max = 72) String password) {}

    public record Account(UUID id, String email, Instant createdAt) {}

    public record Token(String accessToken, String tokenType, long expiresIn) {}

    private final AuthAccountRepository users;
    private final PasswordEncoder passwords;
    private final JwtEncoder encoder;
    private final Validation validation;
    private final AppProperties.Jwt settings;
    private final String unknownUserHash;

    public AuthController(
            AuthAccountRepository users,
            PasswordEncoder passwords,
            JwtEncoder encoder,
            Validation validation,
            AppProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.encoder = encoder;
        this.validation = validation;
        this.settings = properties.jwt();
        this.unknownUserHash = passwords.encode("not-a-real-password");
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an account")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Credentials.class)))
    @Transactional
    public ResponseEntity<Account> signup(@RequestBody JsonNode body) {
        Credentials input = read(body);
        if (input.password().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.validation(List.of(new FieldProblem("password", "must be at most 72 bytes")));
        }
        String email = input.email().toLowerCase(Locale.ROOT);
        if (users.existsByEmail(email)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "Conflict",
                    "An account with this email already exists",
                    List.of(new FieldProblem("email", "is already taken")));
        }
        AuthAccount user = new AuthAccount(
                Ids.newId(),
                email,
                passwords.encode(input.password()),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        users.saveAndFlush(user);
        return ResponseEntity.created(URI.create("/auth/me"))
                .body(new Account(user.getId(), user.getEmail(), user.getCreatedAt()));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange email and password for an access token")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = Credentials.class)))
    @Transactional(readOnly = true)
    public Token login(@RequestBody JsonNode body) {
        JsonBody json = JsonBody.of(body, KEYS);
        String email = json.string("email");
        String password = json.string("password");
        if (!json.errors().isEmpty() || email == null || password == null) {
            throw ApiException.validation(
                    json.errors().isEmpty()
                            ? List.of(new FieldProblem(email == null ? "email" : "password", "must not be null"))
                            : json.errors());
        }
        AuthAccount user = users.findByEmail(email.toLowerCase(Locale.ROOT)).orElse(null);
        // BCrypt reads at most 72 bytes: longer passwords cannot have been set at sign-up.
        boolean ok = password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
                && passwords.matches(password, user == null ? unknownUserHash : user.getPasswordHash());
        if (user == null || !ok) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "Invalid email or password", List.of());
        }
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

    private Credentials read(JsonNode body) {
        JsonBody json = JsonBody.of(body, KEYS);
        return validation.valid(json, new Credentials(json.string("email"), json.string("password")));
    }
}
