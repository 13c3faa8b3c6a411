/**
 * What every process shares. Today: the task guard ({@link org.partybuilding.workflow.TaskGuard}) that lets users
 * answer a task's form and nothing else, {@link org.partybuilding.workflow.TaskRefusedException} for the refusals
 * of task listeners, the record of instances an administrator cancelled or modified
 * ({@link org.partybuilding.workflow.InstanceAdministration}), and the working-day calendar
 * ({@link org.partybuilding.workflow.WorkingDays}, bean {@code workingDays}; {@code P5WD} durations in models) with the
 * holiday arrangements behind it ({@code /api/holiday-calendar}).
 */
package org.partybuilding.workflow;
