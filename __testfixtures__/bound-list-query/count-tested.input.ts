import { NextResponse } from 'next/server';
import { supabase } from '@/lib/supabase';

// The rows are only counted: their emptiness tests become tests of the count, and so does a read through `.data`.
export async function GET(request: Request) {
  const practice = new URL(request.url).searchParams.get('practice');
  const { data: pricing } = await supabase.from('custom_pricing').select('discount_percent').eq('is_active', true);
  const discounts = pricing?.length ? pricing.length * 2000 : 0;
  const teams = await supabase.from('teams').select('id').eq('practice_id', practice);
  return NextResponse.json({ discounts, teams: teams.data?.length || 0 });
}

// `if (!members)` tells an error from an empty list, which a count would not: left as it is.
export async function members(practice: string) {
  const { data: members } = await supabase.from('team_members').select('id').eq('practice_id', practice);
  if (!members) return NextResponse.json({ error: 'Could not read the members' }, { status: 500 });
  return NextResponse.json({ members: members.length });
}
