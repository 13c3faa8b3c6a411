package org.partybuilding.responsibility;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.partybuilding.organization.SecretaryType;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The lists shipped with the product, {@code responsibility-lists/<year>/<type>.json} on the classpath, stored at
 * start-up as version 1 of each (year, type) not in the table yet. Runs after the directory import (whose secretary
 * types the files are for). Nodes starting together do not conflict: each list is one insert that does nothing when
 * the (year, type) is there, so a list the organization department published is never touched.
 */
@Component
@Order(5)
class ShippedResponsibilityLists implements ApplicationRunner {

    static final String LOCATION = "classpath*:responsibility-lists/*/*.json";
    private static final Pattern NAME = Pattern.compile("responsibility-lists/(\\d{4})/([A-Za-z0-9_]+)\\.json$");
    private static final Logger log = LoggerFactory.getLogger(ShippedResponsibilityLists.class);

    private final ResponsibilityListRepository repository;
    private final ResponsibilityLists lists;

    ShippedResponsibilityLists(ResponsibilityListRepository repository, ResponsibilityLists lists) {
        this.repository = repository;
        this.lists = lists;
    }

    @Override
    public void run(ApplicationArguments args) {
        storeShipped();
    }

    /** Stores the shipped files as described above; safe to run again, on any node. */
    void storeShipped() {
        Map<String, SecretaryType> types = lists.types();
        for (Shipped list : read(types)) {
            if (repository.store(list.year(), list.type(), 1, list.items(), null)) {
                log.info("Responsibility list {} {} stored from the shipped file ({} items)", list.year(), list.type(),
                        list.items().size());
            }
        }
    }

    /**
     * Every shipped file whose type the directory has, checked as a {@code PUT} is.
     *
     * @throws IllegalStateException naming the file and its problems when one is wrong: the product is not to start on it
     */
    static List<Shipped> read(Map<String, SecretaryType> types) {
        List<Shipped> shipped = new ArrayList<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                Matcher name = NAME.matcher(file.getURL().toString());
                if (!name.find()) {
                    throw new IllegalStateException("Responsibility list file " + file + " is not named <year>/<type>.json");
                }
                int year = Integer.parseInt(name.group(1));
                if (year < ResponsibilityLists.FIRST_YEAR || year > ResponsibilityLists.LAST_STORED_YEAR) {
                    throw new IllegalStateException("Responsibility list file " + file + " is for a year outside "
                            + ResponsibilityLists.FIRST_YEAR + ".." + ResponsibilityLists.LAST_STORED_YEAR);
                }
                SecretaryType type = types.get(name.group(2));
                if (type == null) {
                    log.warn("Responsibility list file {} is for a secretary type the directory does not have: not stored", file);
                    continue;
                }
                try (InputStream in = file.getInputStream()) {
                    shipped.add(new Shipped(year, type.code(), ResponsibilityListParser.parse(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8), year, type.code(), type.name(), Map.of())));
                } catch (ApiException e) {
                    throw new IllegalStateException("责任清单文件 " + file + " 有误：" + e.getMessage() + " "
                            + e.details().stream().map(ApiError.Detail::message).toList(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shipped;
    }

    /** One shipped file's list. */
    record Shipped(int year, String type, List<ResponsibilityItem> items) {
    }
}
