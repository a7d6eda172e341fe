create table public.profiles (id uuid primary key references auth.users (id), name text);
alter table public.profiles enable row level security;
