package org.partybuilding.rectification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The rectification ledger over HTTP. */
@RestController
@RequestMapping("/api/rectifications")
@Tag(name = "整改台账")
class RectificationController {

    private final RectificationService rectifications;

    RectificationController(RectificationService rectifications) {
        this.rectifications = rectifications;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "发起整改事项并启动整改闭环流程（组织部、督查组、上级党组织工作人员）")
    Created open(@Valid @RequestBody NewRectification request, ApiUser caller) {
        RectificationItem item = rectifications.open(request, caller);
        return new Created(item.id(), item.processInstanceId(), item.status());
    }

    @GetMapping("/{id}")
    @Operation(summary = "整改事项及其全部历史")
    RectificationItem item(@PathVariable long id, ApiUser caller) {
        return rectifications.find(id, caller);
    }

    @GetMapping
    @Operation(summary = "查询整改台账；overdue=true 只列逾期未销号的事项")
    List<RectificationItem> search(@RequestParam(required = false) String organizationId,
            @RequestParam(required = false) Source source, @RequestParam(required = false) Status status,
            @RequestParam(required = false) Boolean overdue, ApiUser caller) {
        return rectifications.search(organizationId, source, status, overdue, caller);
    }

    record Created(long id, String processInstanceId, Status status) {
    }
}
