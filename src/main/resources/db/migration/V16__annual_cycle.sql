-- The "1248" year (annual-cycle): one row per year with the work conference's record and the stages' dates, and the
-- secretaries' signatures of their type's responsibility list (the "8"), which the year-end assessment reads.
create table annual_cycle (
    year                 int          primary key,
    process_instance_id  varchar(64),
    started_by           varchar(64)  not null,
    started_at           timestamptz  not null,
    schedule             jsonb        not null,
    conference_date      date,
    conference_decisions text,
    conference_targets   text,
    ten_projects         text,
    conference_by        varchar(64),
    lists_published_at   timestamptz,
    signing_round_id     bigint,
    survey_confirmed_at  timestamptz,
    assessed_at          timestamptz,
    lists_confirmed_at   timestamptz,
    lists_confirmed_by   varchar(64),
    lists_note           text,
    finished_at          timestamptz
);

create table list_signature (
    year             int          not null,
    organization_id  varchar(40)  not null references organization (id),
    secretary_type   varchar(40)  not null,
    list_version     int          not null,
    signed_by        varchar(64)  not null,
    signed_at        timestamptz  not null,
    due_date         date         not null,
    late             boolean      not null,
    primary key (year, organization_id)
);

-- 谈优谈差: the performance talks the year-end assessment asks for, and what was said.
create table performance_talk (
    year             int          not null,
    organization_id  varchar(40)  not null references organization (id),
    kind             varchar(10)  not null check (kind in ('TOP', 'BOTTOM')),
    talked_at        date,
    talked_by        varchar(64),
    notes            text,
    primary key (year, organization_id)
);
