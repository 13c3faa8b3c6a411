-- Quarterly special inspections (专项督查): one round per year and quarter, one target per inspected organization
-- with its inspector (回避: never one from the town being inspected), the findings each opened as a rectification
-- item, the quarter's bulletin (通报) and the re-inspection (回头看) of every closed finding.
create table inspection_round (
    year                  int          not null,
    quarter               int          not null check (quarter between 1 and 4),
    business_key          varchar(20)  not null unique,
    process_instance_id   varchar(64),
    status                varchar(12)  not null,
    theme                 varchar(200),
    scope_kind            varchar(10),
    scope_domain          varchar(40),
    scope_organization_id varchar(40),
    sample_size           int,
    seed                  bigint,
    checklist             text[],
    inspector_pool        text[],
    due_date              date,
    planned_by            varchar(64),
    planned_at            timestamptz,
    started_by            varchar(64),
    started_at            timestamptz  not null,
    bulletin_number       varchar(60),
    bulletin_remarks      text,
    bulletin_docx         bytea,
    bulletin_at           timestamptz,
    bulletin_by           varchar(64),
    primary key (year, quarter)
);

create table inspection_target (
    year            int          not null,
    quarter         int          not null,
    organization_id varchar(40)  not null references organization (id),
    inspector_id    varchar(64)  not null,
    position        int          not null,
    status          varchar(12)  not null,
    summary         text,
    inspected_at    timestamptz,
    primary key (year, quarter, organization_id),
    foreign key (year, quarter) references inspection_round (year, quarter)
);

create table inspection_finding (
    id                     bigserial    primary key,
    year                   int          not null,
    quarter                int          not null,
    organization_id        varchar(40)  not null,
    item_code              varchar(40)  not null,
    description            text         not null,
    severity               varchar(10)  not null,
    due_date               date         not null,
    rectification_item_id  bigint       not null unique references rectification_item (id),
    closed_at              timestamptz,
    revisit_outcome        varchar(12),
    revisit_note           text,
    revisited_by           varchar(64),
    revisited_at           timestamptz,
    reopened               int          not null default 0,
    foreign key (year, quarter, organization_id) references inspection_target (year, quarter, organization_id)
);

create index inspection_finding_quarter_idx on inspection_finding (year, quarter);
