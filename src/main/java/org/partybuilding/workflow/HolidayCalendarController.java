package org.partybuilding.workflow;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The working-day calendar's holiday arrangements over HTTP: everyone reads, the organization department loads a year. */
@RestController
@RequestMapping("/api/holiday-calendar")
@Tag(name = "节假日安排")
class HolidayCalendarController {

    private final HolidayCalendarService calendar;

    HolidayCalendarController(HolidayCalendarService calendar) {
        this.calendar = calendar;
    }

    @GetMapping
    @Operation(summary = "各年度节假日安排一览：已载入的年份（随系统发布 SHIPPED，或由组织部载入 UPLOADED），以及今明两年中尚未载入、"
            + "只按法定节假日计算的年份（provisional 为 true，STATUTORY）")
    List<HolidayCalendarService.YearSummary> years() {
        return calendar.years();
    }

    @GetMapping("/{year}")
    @Operation(summary = "某年的节假日安排（放假 holidays、调休上班 workingDays）；尚未载入的年份返回其法定节假日，provisional 为 true，不含调休")
    HolidayCalendarService.Arrangement arrangement(@Parameter(description = "年份，2025–2100") @PathVariable int year) {
        return calendar.arrangement(year);
    }

    @PutMapping(path = "/{year}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "载入或替换某年的节假日安排（按国务院办公厅关于该年部分节假日安排的通知填写），立即生效。整份校验，"
            + "有误则返回每处问题且不作任何修改。仅组织部可用。")
    HolidayCalendarService.Arrangement replace(@Parameter(description = "年份，2025–2100") @PathVariable int year,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "节假日安排，格式同 holidays/<年份>.json", required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = HolidayArrangement.class)))
            @RequestBody String body, @Parameter(hidden = true) ApiUser caller) {
        return calendar.replace(year, body, caller);
    }
}
