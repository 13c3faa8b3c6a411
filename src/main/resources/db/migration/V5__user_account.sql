-- Accounts created by the directory import in production mode: the hash of the individual initial password
-- sent by email. While ACT_ID_USER.PWD_ still equals it, the user must change the password before working.
create table user_account (
    user_id               varchar(64)  primary key,
    initial_password_hash varchar(255) not null,
    issue                 bigserial    not null,
    created_at            timestamptz  not null default now()
);
