-- Each user's choice about the mails that announce their tasks (新任务 and the daily 待办汇总). Reminders and
-- escalations about deadlines are duty mails and have no switch. No row: the default, mails on.
create table mail_preference (
    -- a Camunda user id (ACT_ID_USER.ID_); kept when the user is removed, harmless without one
    user_id          varchar(64) primary key,
    assignment_mails boolean     not null,
    updated_at       timestamptz not null default now()
);
