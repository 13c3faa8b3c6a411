-- The job executor acquires by due date (jobExecutorAcquireByDueDate): an index instead of a scan of every job when
-- a city's timers are waiting.
create index if not exists act_idx_job_due_date on act_ru_job (duedate_);
