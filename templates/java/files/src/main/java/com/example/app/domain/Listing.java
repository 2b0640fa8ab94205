package com.example.app.domain;

import com.example.app.web.ApiException;
import com.example.app.web.FieldProblem;
import com.example.app.web.PageResponse;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.query.criteria.JpaExpression;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * GET on a collection: {@code limit} (1..100, default 20), {@code offset} (>= 0), {@code sort=field|-field} from
 * an allowlist, equality filters; any other query parameter is a 400.
 */
@Component
public class Listing {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final EntityManager entityManager;

    public Listing(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * @param sorts sortable attributes; those in {@code numericText} are stored as text and sorted as numbers
     * @param attributes the JPA attribute of each query name that differs from it (a keyword field `class` is {@code class_})
     * @param ownerUserId when not null, only rows of this owner
     */
    public <E> PageResponse<E> find(
            Class<E> type,
            MultiValueMap<String, String> params,
            List<Filter> filters,
            List<String> sorts,
            Set<String> numericText,
            Map<String, String> attributes,
            UUID ownerUserId) {
        Map<String, Filter> byName = new LinkedHashMap<>();
        filters.forEach(f -> byName.put(f.name(), f));
        List<FieldProblem> errors = new ArrayList<>();
        Map<String, Object> equals = new LinkedHashMap<>();
        int limit = DEFAULT_LIMIT;
        int offset = 0;
        String sort = null;
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String name = param.getKey();
            if (param.getValue().size() != 1) {
                errors.add(new FieldProblem(name, "must be given once"));
                continue;
            }
            String value = param.getValue().get(0);
            switch (name) {
                case "limit" -> {
                    Integer n = intOrNull(value);
                    if (n == null) {
                        errors.add(new FieldProblem(name, "must be an integer"));
                    } else if (n < 1 || n > MAX_LIMIT) {
                        errors.add(new FieldProblem(name, n < 1 ? "must be at least 1" : "must be at most " + MAX_LIMIT));
                    } else {
                        limit = n;
                    }
                }
                case "offset" -> {
                    Integer n = intOrNull(value);
                    if (n == null) {
                        errors.add(new FieldProblem(name, "must be an integer"));
                    } else if (n < 0) {
                        errors.add(new FieldProblem(name, "must be at least 0"));
                    } else {
                        offset = n;
                    }
                }
                case "sort" -> {
                    String key = value.startsWith("-") ? value.substring(1) : value;
                    if (!sorts.contains(key)) {
                        errors.add(new FieldProblem(name, "must be one of: " + String.join(", ", sortValues(sorts))));
                    } else {
                        sort = value;
                    }
                }
                default -> {
                    Filter filter = byName.get(name);
                    if (filter == null) {
                        errors.add(new FieldProblem(name, "is not a known query parameter"));
                    } else {
                        try {
                            equals.put(name, filter.parse(value));
                        } catch (ApiException e) {
                            errors.addAll(e.errors());
                        }
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }

        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<E> query = cb.createQuery(type);
        Root<E> root = query.from(type);
        query.select(root).where(predicates(cb, root, equals, attributes, ownerUserId));
        List<Order> order = new ArrayList<>();
        if (sort != null) {
            boolean descending = sort.startsWith("-");
            String key = descending ? sort.substring(1) : sort;
            Expression<?> path = root.get(attributes.getOrDefault(key, key));
            if (numericText.contains(key)) {
                path = ((JpaExpression<?>) path).cast(Double.class);
            }
            order.add(descending ? cb.desc(path) : cb.asc(path));
        } else {
            order.add(cb.asc(root.get("createdAt")));
        }
        order.add(cb.asc(root.get("id")));
        query.orderBy(order);
        List<E> items = entityManager
                .createQuery(query)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<E> countRoot = count.from(type);
        count.select(cb.count(countRoot)).where(predicates(cb, countRoot, equals, attributes, ownerUserId));
        long total = entityManager.createQuery(count).getSingleResult();
        return new PageResponse<>(items, total, limit, offset);
    }

    private static Predicate[] predicates(
            CriteriaBuilder cb, Root<?> root, Map<String, Object> equals, Map<String, String> attributes, UUID ownerUserId) {
        List<Predicate> predicates = new ArrayList<>();
        equals.forEach((name, value) -> predicates.add(cb.equal(root.get(attributes.getOrDefault(name, name)), value)));
        if (ownerUserId != null) {
            predicates.add(cb.equal(root.get("ownerUserId"), ownerUserId));
        }
        return predicates.toArray(Predicate[]::new);
    }

    /** Each sort key ascending, then descending: the values of {@code sort}. */
    private static List<String> sortValues(List<String> sorts) {
        return sorts.stream().flatMap(key -> Stream.of(key, "-" + key)).toList();
    }

    private static Integer intOrNull(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
