-- Rounds of the organization-process kit: one process instance per organization of a scope, started in batches in
-- the background. A member is PENDING until its instance started, in the same transaction (STARTED), or it could not
-- be started (FAILED, with the reason). A restarted application carries on with the PENDING members.
create table process_round (
    id          bigserial    primary key,
    process_id  varchar(64)  not null,
    round_key   varchar(100) not null,
    name        varchar(200) not null,
    scope       jsonb        not null,
    parameters  jsonb        not null,
    started_by  varchar(64),
    created_at  timestamptz  not null default now(),
    finished_at timestamptz,
    unique (process_id, round_key)
);

create table process_round_member (
    round_id            bigint       not null references process_round (id),
    organization_id     varchar(40)  not null,
    position            int          not null,
    business_key        varchar(150) not null,
    status              varchar(10)  not null check (status in ('PENDING', 'STARTED', 'FAILED')),
    process_instance_id varchar(64),
    error               text,
    updated_at          timestamptz  not null default now(),
    primary key (round_id, organization_id)
);

create index process_round_member_pending_idx on process_round_member (round_id, position) where status = 'PENDING';
