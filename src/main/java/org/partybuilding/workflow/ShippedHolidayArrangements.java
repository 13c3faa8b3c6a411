package org.partybuilding.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The arrangements shipped with the product, {@code holidays/<year>.json} on the classpath (format: holidays/README.md). */
final class ShippedHolidayArrangements {

    static final String LOCATION = "classpath*:holidays/*.json";

    private ShippedHolidayArrangements() {
    }

    /**
     * Every shipped file by year, checked as an upload is.
     *
     * @throws IllegalStateException naming the file and its problems when one is wrong: the product is not to start on it
     */
    static Map<Integer, HolidayArrangement> read() {
        Map<Integer, HolidayArrangement> byYear = new TreeMap<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                String name = String.valueOf(file.getFilename());
                int year;
                try {
                    year = Integer.parseInt(name.substring(0, name.length() - ".json".length()));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("Holiday arrangement file " + name + " is not named <year>.json");
                }
                try (InputStream in = file.getInputStream()) {
                    byYear.put(year, HolidayArrangementParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), year));
                } catch (ApiException e) {
                    throw new IllegalStateException("节假日安排文件 " + file + " 有误：" + e.getMessage() + " "
                            + e.details().stream().map(ApiError.Detail::message).toList(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byYear;
    }
}
