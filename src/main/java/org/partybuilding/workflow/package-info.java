/**
 * What every process shares. Today: the task guard ({@link org.partybuilding.workflow.TaskGuard}) that lets users
 * answer a task's form and nothing else, {@link org.partybuilding.system.TaskRefusedException} for the refusals
 * of task listeners, and the record of instances an administrator cancelled or modified
 * ({@link org.partybuilding.workflow.InstanceAdministration}).
 */
package org.partybuilding.workflow;
