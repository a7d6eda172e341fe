create table public.projects (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id)
);
create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null,
  assignee uuid,
  constraint tasks_project_fk foreign key (project_id) references public.projects (id),
  constraint tasks_assignee_fk foreign key (assignee) references auth.users (id)
);
create index tasks_assignee_second on public.tasks (project_id, assignee);
