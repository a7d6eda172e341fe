create table public.profiles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  display_name text not null,
  bio text,
  plan text not null default 'free',
  created_at timestamptz not null default now()
);

create table public.notes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id),
  title text not null,
  body text,
  pinned boolean not null default false
);
