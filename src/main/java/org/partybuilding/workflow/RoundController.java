package org.partybuilding.workflow;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Progress of the rounds (a duty-report round, a quarter's inspections ...), for the organization department. */
@RestController
@RequestMapping("/api/rounds")
@Tag(name = "流程轮次")
class RoundController {

    private final Rounds rounds;

    RoundController(Rounds rounds) {
        this.rounds = rounds;
    }

    @GetMapping("/{id}")
    @Operation(summary = "一轮流程的进度：范围内组织数、已发起、发起失败（及原因）、等待发起。仅组织部可用。")
    Round round(@PathVariable long id, ApiUser user) {
        requireOrgDept(user);
        return rounds.find(id).orElseThrow(() -> ApiException.notFound("轮次 " + id + " 不存在"));
    }

    @GetMapping
    @Operation(summary = "最近的 100 轮流程（最新的在前），可按流程筛选。仅组织部可用。")
    List<Round> list(@Parameter(description = "流程编号，如 duty-report") @RequestParam(required = false) String processId, ApiUser user) {
        requireOrgDept(user);
        return rounds.list(processId);
    }

    private static void requireOrgDept(ApiUser user) {
        if (!user.isOrgDept()) {
            throw ApiException.forbidden("只有组织部可以查看流程轮次的进度");
        }
    }
}
