import { withApiAuthRequired } from '@auth0/nextjs-auth0';
import { listProjects } from '../../lib/projects';

import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export const GET = withApiAuthRequired(async function GET(request: NextRequest) {
  return NextResponse.json(await listProjects(), { status: 200 });
});
