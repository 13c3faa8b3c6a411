/**
 * The organization-process kit: what every process shares. Other capabilities use
 * <ul>
 * <li>rounds ({@link org.partybuilding.workflow.Rounds}, {@link org.partybuilding.workflow.RoundProcess}): one
 * instance per organization of a scope, started in batches in the background, idempotent, restart-safe;</li>
 * <li>deadline steps in models ({@code scheduleDeadlinesDelegate}, {@code sendReminderDelegate},
 * {@code escalateToSupervisorDelegate}, {@code escalateToOrgDeptDelegate}, variables named by
 * {@link org.partybuilding.workflow.StepDeadlines}) with the process's policy table and its
 * {@link org.partybuilding.workflow.DeadlineSubject};</li>
 * <li>the working-day calendar ({@link org.partybuilding.workflow.WorkingDays}, bean {@code workingDays}; {@code P5WD}
 * durations in models) with the holiday arrangements behind it ({@code /api/holiday-calendar}), and
 * {@link org.partybuilding.workflow.Deadlines} for the city's days;</li>
 * <li>{@link org.partybuilding.workflow.ProcessValues} and {@link org.partybuilding.workflow.ProcessMails} for
 * listeners and mails, {@code taskDescriptionListener} for task cards;</li>
 * <li>the task guard ({@link org.partybuilding.workflow.TaskGuard}) that lets users answer a task's form and nothing
 * else, and the record of instances an administrator cancelled or modified
 * ({@link org.partybuilding.workflow.InstanceAdministration}).</li>
 * </ul>
 * The round worker, the notices' mail texts, the holiday tables and their parsing are hidden.
 */
package org.partybuilding.workflow;
