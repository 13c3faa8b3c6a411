package org.partybuilding.taskmail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.partybuilding.notification.MailPreferences;
import org.partybuilding.organization.ApiUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own switch for the mails announcing their tasks (新任务 and 待办汇总); each user for themselves only.
 * Reminders and escalations about deadlines are duty mails and have no switch.
 */
@RestController
@RequestMapping("/api/account/mail-preferences")
@Tag(name = "账号")
class MailPreferenceController {

    private final MailPreferences preferences;

    MailPreferenceController(MailPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    @Operation(summary = "本人的邮件设置：是否接收新任务通知和待办汇总（期限提醒和督办邮件不能关闭）")
    MailPreference get(@Parameter(hidden = true) ApiUser user) {
        return new MailPreference(preferences.taskMails(user.userId()));
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
