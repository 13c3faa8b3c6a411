-- Third-party satisfaction survey (基层党建满意度第三方测评): the evaluator's files and one result per organization
-- and year. The current results of a year are those of its latest upload; a corrected file replaces them.

-- One row per year that has a survey: uploads of the same year lock it (select ... for update), so two uploads at the
-- same moment never open two items for one organization.
create table survey_year (
    year              int primary key check (year between 2000 and 2999),
    current_upload_id bigint
);

create table survey_upload (
    id          bigserial    primary key,
    year        int          not null references survey_year (year),
    sha256      char(64)     not null,
    file_name   varchar(255),
    format      varchar(20)  not null,
    item_names  text[]       not null,
    threshold   numeric(5, 2) not null,
    row_count   int          not null,
    uploaded_by varchar(64)  not null,
    uploaded_at timestamptz  not null
);

create index survey_upload_year_idx on survey_upload (year, id);

alter table survey_year add constraint survey_year_current_upload_fk foreign key (current_upload_id) references survey_upload (id);

create table survey_result (
    year                   int           not null references survey_year (year),
    organization_id        varchar(40)   not null references organization (id),
    upload_id              bigint        not null references survey_upload (id),
    line                   int           not null,
    overall_score          numeric(5, 2) not null check (overall_score between 0 and 100),
    item_scores            jsonb         not null default '{}',
    comment                text,
    rectification_item_id  bigint        references rectification_item (id),
    primary key (year, organization_id)
);

-- The item a year's survey opened for an organization: kept when a corrected file replaces the results, so that an
-- organization never gets a second item for the same year.
create table survey_rectification (
    year                  int         not null references survey_year (year),
    organization_id       varchar(40) not null references organization (id),
    rectification_item_id bigint      not null unique references rectification_item (id),
    opened_by_upload_id   bigint      not null references survey_upload (id),
    primary key (year, organization_id)
);
