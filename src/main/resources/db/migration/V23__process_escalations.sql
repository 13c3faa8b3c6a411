-- Every escalation (一级、二级督办) the organization-process kit sends, whatever the process: written by
-- workflow/DeadlineNotices in the timer's transaction with the mail, once per notice (the mail's dedup key: a retried
-- job rolls both back, a notice sent again is ignored). The dashboard's latest escalations read the processes that keep
-- no record of their own here (list signing, inspections, any later kit user).
create table process_escalation (
    id                  bigserial    primary key,
    dedup_key           varchar(200) not null unique,
    process_id          varchar(64)  not null,
    -- the business key, or key/organization for a step repeated per organization in one instance
    notice_key          varchar(250) not null,
    process_instance_id varchar(64)  not null,
    -- the organization whose work it is (named in the mail; the dashboard's scope)
    organization_id     varchar(40)  not null references organization (id),
    step                varchar(64)  not null,
    level               smallint     not null check (level in (1, 2)),
    -- as the mail says: kind 清单签订, title “2026年度责任清单”, action 签订责任清单
    kind                varchar(40)  not null,
    title               text         not null,
    action              text         not null,
    -- who was told: the supervising organization's name or 市委组织部, and their addresses
    addressee           varchar(200) not null,
    recipients          text[]       not null,
    deadline            timestamptz  not null,
    at                  timestamptz  not null
);

-- The dashboard's latest escalations of the processes without a record of their own, newest first (the predicate is
-- the one dashboard/DashboardRepository.escalations writes; rectification and duty reports are read from their events).
create index process_escalation_other_at_idx on process_escalation (at desc, id desc)
    where process_id not in ('rectification', 'duty-report');
