create table public.customers (
  id uuid primary key default gen_random_uuid(),
  stripe_customer_id text not null
);
create unique index concurrently if not exists customers_stripe_customer_id_key on public.customers (stripe_customer_id);
