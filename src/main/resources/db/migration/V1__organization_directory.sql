-- The organization directory (组织目录): imported from DIRECTORY_FILE, updated in place on re-import.

create table secretary_type (
    code     varchar(40)  primary key,
    name     varchar(100) not null,
    position integer      not null
);

create table organization (
    id                varchar(40)  primary key,
    name              varchar(200) not null,
    domain            varchar(40)  not null,
    secretary_type    varchar(40)  references secretary_type (code),
    parent_id         varchar(40)  references organization (id) deferrable initially deferred,
    supervisor_id     varchar(40)  references organization (id) deferrable initially deferred,
    secretary_user_id varchar(64)  not null,
    secretary_name    varchar(100) not null,
    secretary_email   varchar(200) not null,
    secretary_phone   varchar(40),
    email             varchar(200) not null,
    position          integer      not null,
    active            boolean      not null default true,
    updated_at        timestamptz  not null default now()
);

create index organization_parent_idx on organization (parent_id);
create index organization_supervisor_idx on organization (supervisor_id);
create index organization_secretary_idx on organization (secretary_user_id);

create table staff_member (
    user_id         varchar(64)  primary key,
    name            varchar(100) not null,
    email           varchar(200) not null,
    phone           varchar(40),
    organization_id varchar(40)  not null references organization (id),
    groups          varchar(200) not null default '',
    active          boolean      not null default true
);

create index staff_member_organization_idx on staff_member (organization_id);

-- One row per import, for the audit trail.
create table directory_import (
    id            bigserial    primary key,
    imported_at   timestamptz  not null default now(),
    source        varchar(500) not null,
    organizations integer      not null,
    staff         integer      not null,
    imported_by   varchar(64)
);
