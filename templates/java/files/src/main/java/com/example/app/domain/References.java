package com.example.app.domain;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Checks that ids sent by a client name existing rows (of the same owner, for owned entities). */
@Component
public class References {

    private final EntityManager entityManager;

    public References(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public boolean allExist(Class<?> type, Collection<UUID> ids, UUID ownerUserId) {
        if (ids.isEmpty()) {
            return true;
        }
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<?> root = query.from(type);
        query.select(cb.count(root));
        if (ownerUserId == null) {
            query.where(root.get("id").in(ids));
        } else {
            query.where(root.get("id").in(ids), cb.equal(root.get("ownerUserId"), ownerUserId));
        }
        return entityManager.createQuery(query).getSingleResult() == ids.size();
    }
}
