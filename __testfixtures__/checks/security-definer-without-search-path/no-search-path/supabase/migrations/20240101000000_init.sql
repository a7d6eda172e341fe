create function public.is_admin() returns boolean
language sql security definer
as $$ select exists (select 1 from admins where user_id = auth.uid()) $$;

create function public.safe() returns boolean language sql security definer set search_path = '' as $$ select true $$;
