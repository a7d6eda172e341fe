alter table public.tasks enable row level security;
