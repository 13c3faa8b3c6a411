package org.partybuilding.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's figures, for the caller's scope (组织部: the whole city; a staff member: the organizations below and
 * supervised by theirs; a secretary: her own). The page {@code /dashboard} reads them with the webapps' login.
 */
@RestController
@RequestMapping("/api/dashboard")
@Tag(name = "仪表盘")
class DashboardController {

    private final DashboardService dashboard;
    private final RectificationService rectifications;

    DashboardController(DashboardService dashboard, RectificationService rectifications) {
        this.dashboard = dashboard;
        this.rectifications = rectifications;
    }

    @GetMapping("/overview")
    @Operation(summary = "管辖范围内各党组织的待办任务、逾期任务、未销号和逾期整改事项、被督办事项（按组织树排列）")
    Overview overview(ApiUser caller) {
        return dashboard.overview(caller);
    }

    @GetMapping("/escalations")
    @Operation(summary = "最近的督办（整改事项、述职报告、清单签订、专项督查等各流程），新的在前")
    List<DashboardRepository.Escalation> escalations(@RequestParam(defaultValue = "20") int limit, ApiUser caller) {
        return dashboard.escalations(caller, limit);
    }

    @GetMapping("/duty-reports")
    @Operation(summary = "各轮述职的进度和评议等次分布")
    List<DashboardService.DutyRound> dutyReports(ApiUser caller) {
        return dashboard.dutyReports(caller);
    }

    @GetMapping("/inspections")
    @Operation(summary = "各季度专项督查的进度和发现问题")
    List<DashboardService.InspectionView> inspections(ApiUser caller) {
        return dashboard.inspections(caller);
    }

    @GetMapping("/stars")
    @Operation(summary = "最近一次年度考核（不晚于 year）的星级分布、三星级以上占比与 80% 目标、差一步达到三星级的党组织")
    DashboardService.Stars stars(@RequestParam(required = false) Integer year, ApiUser caller) {
        return dashboard.stars(caller, year);
    }

    @GetMapping("/items/{id}/task")
    @Operation(summary = "跳转到整改事项当前的任务（任务列表），没有待办任务时跳转到流程实例（驾驶舱）")
    ResponseEntity<Void> itemTask(@PathVariable long id, ApiUser caller) {
        RectificationItem item = rectifications.find(id, caller);
        URI target = URI.create(item.processInstanceId() == null ? "/dashboard" : dashboard.taskLink(item.processInstanceId()));
        return ResponseEntity.status(HttpStatus.FOUND).location(target).build();
    }
}
