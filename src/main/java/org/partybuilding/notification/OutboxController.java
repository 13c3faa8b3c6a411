package org.partybuilding.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.partybuilding.system.ApiException;
import org.partybuilding.system.Conflicts;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization department's view of the outbox: what is waiting, what failed, and sending a failed mail again.
 * Only the organization department reaches it: the directory's authentication filter refuses everyone else.
 */
@RestController
@RequestMapping("/api/mail-outbox")
@Tag(name = "邮件发件箱")
class OutboxController {

    private static final int MAX_LIMIT = 1000;

    private final OutboxRepository repository;
    private final OutboxSender sender;

    OutboxController(OutboxRepository repository, OutboxSender sender) {
        this.repository = repository;
        this.sender = sender;
    }

    @GetMapping
    @Operation(summary = "发件箱中的邮件（最新的在前），可按状态筛选：PENDING 待发送、SENT 已发送、FAILED 发送失败。仅组织部可用。")
    List<OutboxEntry> list(
            @Parameter(description = "状态；不填则返回全部") @RequestParam(required = false) MailStatus status,
            @Parameter(description = "最多返回条数，1–1000") @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badField("limit", "limit 应在 1 到 " + MAX_LIMIT + " 之间");
        }
        return repository.find(status, limit);
    }

    @PostMapping("/{id}/retry")
    @Conflicts("只有发送失败的邮件可以重新发送，该邮件当前不是发送失败状态")
    @Operation(summary = "重新发送一封发送失败的邮件：状态改回待发送、尝试次数清零，并立即尝试发送。仅组织部可用。")
    OutboxEntry retry(@PathVariable long id) {
        if (!repository.requeueFailed(id)) {
            OutboxEntry entry = repository.findById(id).orElseThrow(() -> ApiException.notFound("邮件 " + id + " 不存在"));
            throw new ApiException(HttpStatus.CONFLICT,
                    "邮件 " + id + " 的状态是" + statusName(entry.status()) + "，只有发送失败的邮件可以重新发送");
        }
        OutboxEntry requeued = repository.findById(id).orElseThrow();
        sender.sendSoon();
        return requeued;
    }

    private static String statusName(MailStatus status) {
        return switch (status) {
            case PENDING -> "待发送";
            case SENT -> "已发送";
            case FAILED -> "发送失败";
        };
    }
}
