create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null
);

alter table public.profiles enable row level security;
