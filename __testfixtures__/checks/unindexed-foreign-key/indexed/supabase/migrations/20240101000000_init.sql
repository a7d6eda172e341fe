create table public.projects (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id)
);
create index projects_owner_id_idx on public.projects (owner_id);
create table public.tasks (
  project_id uuid not null references public.projects (id),
  position integer not null,
  primary key (project_id, position)
);
