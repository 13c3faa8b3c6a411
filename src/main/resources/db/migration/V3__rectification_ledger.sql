-- The rectification ledger (整改台账): one row per item, its full history in rectification_event.

create table rectification_item (
    id                      bigserial    primary key,
    organization_id         varchar(40)  not null references organization (id),
    source                  varchar(20)  not null,
    source_ref              varchar(200),
    title                   varchar(200) not null,
    description             text         not null default '',
    severity                varchar(10)  not null,
    issuing_organization_id varchar(40)  not null references organization (id),
    due_date                date         not null,
    status                  varchar(20)  not null,
    rejections              integer      not null default 0,
    process_instance_id     varchar(64),
    measures                text,
    evidence                text,
    created_by              varchar(64),
    created_at              timestamptz  not null,
    closed_at               timestamptz
);

create index rectification_item_organization_idx on rectification_item (organization_id);
create index rectification_item_status_due_idx on rectification_item (status, due_date);
create index rectification_item_source_idx on rectification_item (source, source_ref);

create table rectification_event (
    id      bigserial   primary key,
    item_id bigint      not null references rectification_item (id),
    type    varchar(20) not null,
    at      timestamptz not null,
    actor   varchar(64),
    detail  text
);

create index rectification_event_item_idx on rectification_event (item_id, id);
