create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  title text not null
);
create index tasks_user_id_idx on public.tasks (user_id);
alter table public.tasks enable row level security;
create policy "tasks_select" on public.tasks for select to authenticated using ((select auth.uid()) = user_id);
create policy "tasks_insert" on public.tasks for insert to authenticated with check ((select auth.uid()) = user_id);
create policy "tasks_update" on public.tasks for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy "tasks_delete" on public.tasks for delete to authenticated using ((select auth.uid()) = user_id);

create table public.countries (id bigint generated always as identity primary key, name text not null);
alter table public.countries enable row level security;
create policy "countries are public" on public.countries for select to anon, authenticated using (true);
