-- Roles: sahelwatch_analyst reads marts and nothing else; sahelwatch_writer is what the pipeline writes with.
-- Roles belong to the whole cluster, so they are created once (guarded, NOLOGIN: give people or services their
-- own LOGIN roles and `grant sahelwatch_analyst to alice`); the grants below are on this database. Default
-- privileges cover the tables and views that later migrations create, when the same role runs them.
-- Without the right to create roles (a managed server) the file only reports it: an administrator creates the
-- two roles, and re-running this file (or the next migration) grants what is missing.

do $$
declare
    wanted text;
begin
    foreach wanted in array array['sahelwatch_analyst', 'sahelwatch_writer'] loop
        if not exists (select 1 from pg_roles where rolname = wanted) then
            begin
                execute format('create role %I nologin', wanted);
            exception
                when duplicate_object or unique_violation then
                    null;  -- created meanwhile by the migration of another database of the same cluster
                when insufficient_privilege then
                    raise notice 'sahelwatch: no right to create role %; ask an administrator', wanted;
            end;
        end if;
    end loop;
end $$;

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'sahelwatch_analyst')
       or not exists (select 1 from pg_roles where rolname = 'sahelwatch_writer') then
        raise notice 'sahelwatch: roles missing, grants skipped';
        return;
    end if;
    execute format('grant connect on database %I to sahelwatch_analyst, sahelwatch_writer', current_database());
    -- bulk loads COPY into temporary tables
    execute format('grant temporary on database %I to sahelwatch_writer', current_database());

    -- Nobody reads raw or staging by default; marts is the analysts' door.
    revoke all on schema raw, staging from public;
    revoke all on all tables in schema raw, staging from sahelwatch_analyst;
    revoke usage on schema raw, staging from sahelwatch_analyst;

    -- analyst: read marts (tables and views), now and later; no writes anywhere.
    grant usage on schema marts to sahelwatch_analyst;
    grant select on all tables in schema marts to sahelwatch_analyst;
    alter default privileges in schema marts grant select on tables to sahelwatch_analyst;
    revoke insert, update, delete, truncate, references, trigger on all tables in schema marts
        from sahelwatch_analyst;

    -- writer: read and write every layer, run the refresh, but not change the schema (migrations do that).
    grant usage on schema raw, staging, marts to sahelwatch_writer;
    grant select, insert, update, delete, truncate on all tables in schema raw, staging, marts
        to sahelwatch_writer;
    grant usage, select, update on all sequences in schema raw, staging, marts to sahelwatch_writer;
    grant execute on function marts.refresh_counts(date[]) to sahelwatch_writer;
    alter default privileges in schema raw, staging, marts
        grant select, insert, update, delete, truncate on tables to sahelwatch_writer;
    alter default privileges in schema raw, staging, marts
        grant usage, select, update on sequences to sahelwatch_writer;
end $$;
