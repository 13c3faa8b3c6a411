package org.partybuilding.annual;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A year of "1248" as {@code GET /api/years/{year}} shows it: the schedule and every stage's progress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record YearProgress(int year, String processInstanceId, String startedBy, OffsetDateTime startedAt,
        Map<String, OffsetDateTime> schedule, LocalDate conferenceDate, String targets, String tenProjects, List<Stage> stages) {

    /**
     * One stage: {@code key} (CONFERENCE, LIST_SIGNING, INSPECTION_Q1..Q4, DUTY_REPORT_MID_YEAR, DUTY_REPORT_YEAR_END,
     * SURVEY, ASSESSMENT, TALKS, HONOURS), its Chinese label, status (NOT_STARTED, IN_PROGRESS, DONE) and what it says.
     */
    public record Stage(String key, String label, Status status, String statusLabel, String detail) {
    }

    /** Where a stage stands. */
    public enum Status {
        NOT_STARTED("未开始"), IN_PROGRESS("进行中"), DONE("已完成");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
