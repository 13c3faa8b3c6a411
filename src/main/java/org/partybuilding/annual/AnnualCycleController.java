package org.partybuilding.annual;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.Conflicts;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The "1248" year: start it once, follow every stage. */
@RestController
@RequestMapping("/api/years")
@Tag(name = "年度流程")
class AnnualCycleController {

    private final AnnualCycleService cycles;

    AnnualCycleController(AnnualCycleService cycles) {
        this.cycles = cycles;
    }

    @PostMapping("/{year}/cycle")
    @Conflicts("该年度流程已经发起过（每年只能发起一次）")
    @Operation(summary = "发起年度“1248”流程（每年一次）：年初会议、清单签订、四次专项督查、两次述职、测评、年终考核。仅组织部可用。")
    ResponseEntity<YearProgress> start(@PathVariable int year, @RequestBody(required = false) NewCycle request,
            @Parameter(hidden = true) ApiUser user) {
        return ResponseEntity.status(HttpStatus.CREATED).body(cycles.start(year, request, user));
    }

    @GetMapping("/{year}")
    @Operation(summary = "年度流程各阶段的进度")
    YearProgress progress(@PathVariable int year, @Parameter(hidden = true) ApiUser user) {
        return cycles.progress(year, user);
    }
}
