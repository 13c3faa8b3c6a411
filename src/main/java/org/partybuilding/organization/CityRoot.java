package org.partybuilding.organization;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The directory's root organization (the city), asked on every engine command by {@link CityWideScope}: read
 * once and again after each directory import, not per command.
 */
@Component
class CityRoot {

    private final OrganizationRepository repository;
    private volatile Optional<String> id;

    CityRoot(OrganizationRepository repository) {
        this.repository = repository;
    }

    Optional<String> id() {
        Optional<String> known = id;
        if (known == null || known.isEmpty()) {
            known = repository.findRootId();
            id = known;
        }
        return known;
    }

    void refresh() {
        id = repository.findRootId();
    }
}
