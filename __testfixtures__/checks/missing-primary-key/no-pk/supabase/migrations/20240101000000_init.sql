create table public.events (
  name text not null,
  at timestamptz not null default now()
);
create table public.tags (id bigint, label text);
alter table public.tags add primary key (id);
