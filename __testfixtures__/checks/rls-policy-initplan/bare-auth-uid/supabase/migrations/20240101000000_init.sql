create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id)
);
create index tasks_user_id_idx on public.tasks (user_id);
alter table public.tasks enable row level security;
create policy "own rows" on public.tasks for select to authenticated
  using (auth.uid() = user_id);
create policy "admins" on public.tasks for delete to authenticated
  using ((select auth.jwt()) ->> 'role' = 'admin' and auth.role() = 'authenticated');
