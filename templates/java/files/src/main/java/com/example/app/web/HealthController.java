package com.example.app.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** 200 {"status":"ok"} when the database answers, 503 otherwise. */
@RestController
@Tag(name = "Health")
public class HealthController {

    private final JdbcTemplate jdbc;

    public HealthController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/health")
    @Operation(summary = "Liveness and database check")
    public Map<String, String> health() {
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
        } catch (DataAccessException e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", "The database does not answer", List.of());
        }
        return Map.of("status", "ok");
    }
}
