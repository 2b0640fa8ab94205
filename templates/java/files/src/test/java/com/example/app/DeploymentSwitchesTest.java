package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** API_DOCS=false, and a server behind a proxy listed in TRUSTED_PROXIES (here: loopback, where the tests run). */
@TestPropertySource(properties = {"app.api-docs=false", "app.trusted-proxies=127.0.0.1,::1"})
class DeploymentSwitchesTest extends ApiTestSupport {

    @Test
    void apiDocsOffAnswers404LikeAnyUnknownRoute() {
        for (String path : new String[] {"/openapi.json", "/docs", "/swagger-ui/index.html"}) {
            Response response = request("GET", path, null, null, null);
            assertEquals(404, response.status(), path);
            assertEquals("application/problem+json", response.header("Content-Type"), path);
        }
    }

    @Test
    void httpsSeenByATrustedProxyGetsHsts() {
        Response response = request("GET", "/health", null, null, null, Map.of("X-Forwarded-Proto", "https"));
        assertEquals("max-age=31536000; includeSubDomains", response.header("Strict-Transport-Security"));
    }
}
