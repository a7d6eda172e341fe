create function public.is_admin() returns boolean
language sql security definer set search_path = ''
as $$ select exists (select 1 from public.admins where user_id = auth.uid()) $$;

create function public.invoker() returns boolean language sql as $$ select true $$;

create function public.later() returns boolean language sql security definer as $$ select true $$;
alter function public.later() set search_path = '';
