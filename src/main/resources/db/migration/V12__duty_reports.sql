-- Duty reports (书记管党述职): one per grassroots organization per half year, started by a round of the kit.
-- The report's texts, the reviewers' scores and the grade live here; the year-end report card reads them.
create table duty_report (
    id                  bigserial    primary key,
    year                int          not null,
    half                varchar(10)  not null check (half in ('MID_YEAR', 'YEAR_END')),
    organization_id     varchar(40)  not null references organization (id),
    business_key        varchar(150) not null unique,
    round_id            bigint       references process_round (id),
    process_instance_id varchar(64),
    status              varchar(12)  not null,
    reviewer_ids        text[]       not null,
    work_done           text,
    problems            text,
    next_steps          text,
    submitted_at        timestamptz,
    returns             int          not null default 0,
    mean_score          numeric(5, 2),
    grade               varchar(4),
    graded_at           timestamptz,
    created_at          timestamptz  not null default now(),
    unique (year, half, organization_id)
);

create index duty_report_year_half_idx on duty_report (year, half);

create table duty_report_score (
    report_id   bigint      not null references duty_report (id),
    reviewer_id varchar(64) not null,
    score       int         not null check (score between 0 and 100),
    comment     text,
    problems    text,
    scored_at   timestamptz not null,
    primary key (report_id, reviewer_id)
);

-- What happened to a report: submitted, returned with the reason, scored, graded, reminded, escalated.
create table duty_report_event (
    id        bigserial   primary key,
    report_id bigint      not null references duty_report (id),
    type      varchar(20) not null,
    actor     varchar(64),
    detail    text        not null,
    at        timestamptz not null
);

create index duty_report_event_report_idx on duty_report_event (report_id, id);
