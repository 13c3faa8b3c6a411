package org.partybuilding.survey;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How survey results are used.
 *
 * @param threshold                organizations scoring strictly below it get a rectification item ({@code SURVEY_THRESHOLD})
 * @param rectificationWorkingDays working days from the upload to the item's due date ({@code SURVEY_RECTIFICATION_WORKING_DAYS})
 * @param maxFileSize              largest survey file accepted ({@code SURVEY_MAX_FILE_SIZE})
 */
@ConfigurationProperties("app.survey")
record SurveyProperties(
        @DefaultValue("80") BigDecimal threshold,
        @DefaultValue("20") int rectificationWorkingDays,
        @DefaultValue("5MB") DataSize maxFileSize) {

    SurveyProperties {
        if (threshold.signum() < 0 || threshold.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("app.survey.threshold must be between 0 and 100");
        }
        if (rectificationWorkingDays < 1) {
            throw new IllegalArgumentException("app.survey.rectification-working-days must be at least 1");
        }
        if (maxFileSize.toBytes() < 1 || maxFileSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("app.survey.max-file-size must be between 1 byte and 2 GB");
        }
    }
}
