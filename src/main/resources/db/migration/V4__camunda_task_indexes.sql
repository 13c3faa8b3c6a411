-- Indexes Camunda's schema lacks (see STACK-NOTES): every task completion looks up subtasks by
-- PARENT_TASK_ID_, and Tasklist orders candidate-group task lists by DUE_DATE_. Flyway runs after the
-- engine has created its tables (system.FlywayAfterEngine).
create index if not exists act_idx_task_parent_task on act_ru_task (parent_task_id_);
create index if not exists act_idx_task_due_date on act_ru_task (due_date_);
