package bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.repository.query.Param;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hand-written baseline of the Java stack: the same two endpoints as the generated server (GET a book by id,
 * GET a filtered page of 20 with its total), the same SQL (a count and a page query), the same JSON, and nothing
 * else. DATABASE_URL is postgres://user:password@host:port/db, as for the generated server.
 */
@SpringBootApplication
@EnableJpaRepositories(considerNestedRepositories = true)
public class Baseline {

    public static void main(String[] args) {
        SpringApplication.run(Baseline.class, args);
    }

    @Bean
    @Primary
    DataSourceProperties dataSourceProperties() {
        URI url = URI.create(System.getenv("DATABASE_URL"));
        String[] user = url.getUserInfo().split(":", 2);
        DataSourceProperties p = new DataSourceProperties();
        p.setUrl("jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath());
        p.setUsername(user[0]);
        p.setPassword(user.length > 1 ? user[1] : "");
        return p;
    }

    @Entity
    @Table(name = "books")
    public static class Book {
        @Id
        UUID id;
        String title;
        String isbn;
        @Column(name = "published_at")
        LocalDate publishedAt;
        @Column(name = "author_id")
        UUID authorId;
        @Column(name = "created_at")
        Instant createdAt;
        @Column(name = "updated_at")
        Instant updatedAt;
    }

    public record BookOut(UUID id, String title, String isbn, LocalDate publishedAt, UUID authorId, Instant createdAt, Instant updatedAt) {
        static BookOut of(Book b) {
            return new BookOut(b.id, b.title, b.isbn, b.publishedAt, b.authorId, b.createdAt, b.updatedAt);
        }
    }

    public record Page(List<BookOut> items, long total, int limit, int offset) {}

    public interface Books extends JpaRepository<Book, UUID> {
        long countByAuthorId(UUID authorId);

        @Query(value = "SELECT * FROM books WHERE author_id = :author ORDER BY created_at, id LIMIT :limit OFFSET :offset", nativeQuery = true)
        List<Book> page(@Param("author") UUID author, @Param("limit") int limit, @Param("offset") int offset);
    }

    @RestController
    public static class Api {
        private final Books books;

        Api(Books books) {
            this.books = books;
        }

        @GetMapping("/api/books/{id}")
        public ResponseEntity<BookOut> get(@PathVariable String id) {
            UUID key;
            try {
                key = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                return ResponseEntity.notFound().build();
            }
            return books.findById(key).map(BookOut::of).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
        }

        @GetMapping("/api/books")
        public Page list(@RequestParam UUID authorId, @RequestParam(defaultValue = "20") int limit, @RequestParam(defaultValue = "0") int offset) {
            int l = Math.max(1, Math.min(limit, 100));
            List<BookOut> items = books.page(authorId, l, offset).stream().map(BookOut::of).toList();
            return new Page(items, books.countByAuthorId(authorId), l, offset);
        }

        @GetMapping("/health")
        public Map<String, String> health() {
            return Map.of("status", "ok");
        }
    }
}
