package org.partybuilding.rectification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.partybuilding.system.Texts;

/**
 * What opens a rectification item, from the API or from another capability. Single-line texts (title, ids) hold no
 * control characters or line breaks: they go into mail subjects and Tasklist cards.
 *
 * @param issuingOrganizationId who verifies the work: an organization above the target, by default its supervising
 *                              organization
 */
public record NewRectification(
        @NotBlank(message = "请填写被整改的组织编号")
        @Pattern(regexp = Texts.SINGLE_LINE, message = "组织编号不能含有换行或控制字符") String organizationId,
        @NotNull(message = "请填写问题来源") Source source,
        @Size(max = 200, message = "来源编号最长 200 个字符")
        @Pattern(regexp = Texts.SINGLE_LINE, message = "来源编号不能含有换行或控制字符") String sourceRef,
        @NotBlank(message = "请填写整改事项标题") @Size(max = 200, message = "标题最长 200 个字符")
        @Pattern(regexp = Texts.SINGLE_LINE, message = "标题不能含有换行或控制字符") String title,
        @Size(max = 4000, message = "问题描述最长 4000 个字符")
        @Pattern(regexp = Texts.MULTI_LINE, message = "问题描述不能含有控制字符") String description,
        @NotNull(message = "请填写严重程度") Severity severity,
        @NotNull(message = "请填写整改期限") LocalDate dueDate,
        @Pattern(regexp = Texts.SINGLE_LINE, message = "发起整改的组织编号不能含有换行或控制字符") String issuingOrganizationId) {
}
