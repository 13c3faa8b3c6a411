package org.partybuilding.workflow;

import java.util.List;

/**
 * A process step as its reminder and escalation mails describe it.
 *
 * @param kind               the subject's kind, as in the mail subject "【整改提醒】": 整改, 述职 ...
 * @param title              what the step is about, quoted: “党员活动室台账不全”
 * @param organizationId     the organization whose work it is (named in escalations)
 * @param action             the step, as the task is named: 填报整改情况
 * @param unfinished         what was not done when overdue: 完成整改 (→ "已到期未完成整改")
 * @param holderOrganization the organization holding the step: escalations go to the one supervising it
 * @param greeting           how reminders address the holders: 李长福同志, 中共青禾市河西镇委员会
 * @param holderEmails       who is reminded
 * @param details            lines describing the subject, ending with a line break
 * @param secondLevelNote    what the organization department is asked to do at the second level
 */
public record StepNotice(String kind, String title, String organizationId, String action, String unfinished,
        String holderOrganization, String greeting, List<String> holderEmails, String details, String secondLevelNote) {

    public static final String FOLLOW_UP = "请组织部督促办理。";
}
