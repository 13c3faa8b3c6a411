package org.partybuilding.organization;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Imports {@code DIRECTORY_FILE} when the application starts, after the process engine is up. A file with
 * problems stops the start with every problem listed: running on a half-known directory would be worse.
 */
@Component
@Order(0)
class DirectoryStartupImport implements ApplicationRunner {

    private final DirectoryService directory;
    private final ResourceLoader resources;
    private final String location;
    private final boolean enabled;

    DirectoryStartupImport(DirectoryService directory, ResourceLoader resources,
            @Value("${app.directory.file}") String location,
            @Value("${app.directory.import-on-startup}") boolean enabled) {
        this.directory = directory;
        this.resources = resources;
        this.location = location;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!enabled) {
            return;
        }
        Resource file = resources.getResource(location.contains(":") ? location : "file:" + location);
        if (!file.exists()) {
            throw new FileNotFoundException("目录文件不存在：" + location + "（请检查 DIRECTORY_FILE）");
        }
        try (InputStream content = file.getInputStream()) {
            directory.importDirectory(content, location, null, true); // the operator's configured file
        }
    }
}
