/**
 * Mails that announce a user's tasks, for every process: one 【新任务】 mail when a task is assigned to someone (on
 * creation, delegation or reassignment, by a task listener every user task gets from {@link
 * org.partybuilding.taskmail.AssignmentMailPlugin}); above a number of open tasks one daily 【待办汇总】 digest instead;
 * and each user's switch for both ({@code /api/account/mail-preferences}, {@code /account/mail-preferences.html}).
 * Reminders and escalations stay the deadline kit's duty mails and have no switch. Offers nothing to other
 * capabilities.
 */
package org.partybuilding.taskmail;
