package org.partybuilding.taskmail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.partybuilding.notification.MailPreferences;
import org.camunda.bpm.engine.IdentityService;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own switch for the mails announcing their tasks (新任务 and 待办汇总); each user sets it for themselves
 * only, the organization department may read anyone's (to answer "why do I get no mail?"). Reminders and escalations
 * about deadlines are duty mails and have no switch.
 */
@RestController
@RequestMapping("/api/account/mail-preferences")
@Tag(name = "账号")
class MailPreferenceController {

    private final MailPreferences preferences;
    private final IdentityService identityService;

    MailPreferenceController(MailPreferences preferences, IdentityService identityService) {
        this.preferences = preferences;
        this.identityService = identityService;
    }

    @GetMapping
    @Operation(summary = "本人的邮件设置：是否接收新任务通知和待办汇总（期限提醒和督办邮件不能关闭）；组织部可用 userId 查看他人的设置")
    MailPreference get(@RequestParam(required = false) String userId, @Parameter(hidden = true) ApiUser user) {
        if (userId == null || userId.equals(user.userId())) {
            return new MailPreference(preferences.taskMails(user.userId()));
        }
        if (!user.isOrgDept()) {
            throw ApiException.forbidden("只能查看本人的邮件设置");
        }
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            throw ApiException.notFound("用户 " + userId + " 不存在");
        }
        return new MailPreference(preferences.taskMails(userId));
    }

    @PutMapping
    @Operation(summary = "修改本人的邮件设置：assignmentMails 为 false 时不再接收新任务通知和待办汇总")
    MailPreference put(@Valid @RequestBody MailPreference preference, @Parameter(hidden = true) ApiUser user) {
        preferences.setTaskMails(user.userId(), preference.assignmentMails());
        return new MailPreference(preferences.taskMails(user.userId()));
    }

    /** @param assignmentMails new-task mails and the daily digest on (true) or off (false) */
    record MailPreference(@NotNull(message = "请填写 assignmentMails（true 或 false）") Boolean assignmentMails) {
    }
}
