package com.example.app.auth;

import com.example.app.web.ApiException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id at OWASP's cost (19 MiB, 2 passes, 1 lane), at most one hash per CPU core at a time. Each hash takes
 * tens of milliseconds of a core and 19 MiB: a login flood queues here instead of starving every other request.
 * Up to {@link #MAX_WAITING} callers wait for a free core; beyond that the answer is 503 with Retry-After.
 * Callers must hold no database connection or transaction while they hash.
 */
@Component
public class PasswordHasher {

    static final int MAX_WAITING = 64;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int PARALLELISM = 1;
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final int concurrency;
    private final Semaphore cores;
    private final AtomicInteger admitted = new AtomicInteger();

    public PasswordHasher() {
        this.concurrency = Runtime.getRuntime().availableProcessors();
        this.cores = new Semaphore(concurrency, true);
    }

    public String hash(String password) {
        return bounded(() -> encoder.encode(password));
    }

    public boolean matches(String password, String hash) {
        return bounded(() -> encoder.matches(password, hash));
    }

    private <T> T bounded(Supplier<T> work) {
        if (admitted.incrementAndGet() > concurrency + MAX_WAITING) {
            admitted.decrementAndGet();
            throw ApiException.retryAfter(
                    HttpStatus.SERVICE_UNAVAILABLE, "Too many password checks at once; retry shortly", 1);
        }
        try {
            cores.acquireUninterruptibly();
            try {
                return work.get();
            } finally {
                cores.release();
            }
        } finally {
            admitted.decrementAndGet();
        }
    }
}
