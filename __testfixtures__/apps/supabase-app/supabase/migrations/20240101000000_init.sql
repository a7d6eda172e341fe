-- The app's schema as it was first written.
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  username text not null,
  created_at timestamptz not null default now()
);
alter table public.profiles enable row level security;
create policy "Profiles are viewable by everyone" on public.profiles for select using (true);
create policy "Users update own profile" on public.profiles for update using (auth.uid() = id);

create table public.projects (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid references auth.users (id),
  name text not null,
  created_at timestamptz not null default now()
);

create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  user_id uuid,
  title text not null,
  done boolean not null default false
);
alter table public.tasks enable row level security;
create policy "Anyone can do anything" on public.tasks for all to authenticated using (true) with check (true);
