import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, gitInit, readTree, runAsync, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const LOGIN_ROUTE = `import jwt from 'jsonwebtoken';
import { cookies } from 'next/headers';

export async function POST(request: Request) {
  const { userId } = await request.json();
  const token = jwt.sign({ userId }, process.env.JWT_SECRET!);
  cookies().set('token', token);
  cookies().set('session', token);
  return Response.json({ ok: true });
}
`;

/** A client component that reads the `token` cookie itself, through js-cookie. */
const BADGE = `'use client';
import Cookies from 'js-cookie';

export function Badge() {
  return <span>{Cookies.get('token') ? 'signed in' : 'guest'}</span>;
}
`;

const PAGE = `import { Badge } from '../components/Badge';

export default function Home() {
  return <Badge />;
}
`;

function app(): string {
  return gitInit(
    writeTree({
      'package.json': JSON.stringify({ name: 'cookie-app', dependencies: { next: '14.2.3', jsonwebtoken: '9.0.2', 'js-cookie': '3.0.5' } }),
      'app/api/login/route.ts': LOGIN_ROUTE,
      'components/Badge.tsx': BADGE,
      'app/page.tsx': PAGE,
    }),
  );
}

describe('JWT and cookie fixes on an app', () => {
  it('hardens both cookies, leaving out HttpOnly only where browser code reads the cookie, and gives the token the lifetime asked for', async () => {
    const root = app();
    const scan = await runAsync(['scan', root, '--only', 'jwt-without-expiry,insecure-session-cookie', '--format', 'json']);
    const findings = (JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string; line: number }> }).findings;
    expect(findings.map((f) => `${f.ruleId}:${f.line}`).sort()).toEqual([
      'insecure-session-cookie:7',
      'insecure-session-cookie:8',
      'jwt-without-expiry:6',
    ]);

    const fix = await runAsync([
      'fix',
      root,
      '--yes',
      '--all',
      '--only',
      'jwt-without-expiry,insecure-session-cookie',
      '--option',
      'jwtLifetime=1h',
    ]);
    expect(fix.code).toBe(0);
    const route = readTree(root)['app/api/login/route.ts']!;
    expect(route).toContain("jwt.sign({ userId }, process.env.JWT_SECRET!, { expiresIn: '1h' })");
    expect(route).toContain("cookies().set('token', token, { secure: process.env.NODE_ENV === 'production', sameSite: 'lax', path: '/' })");
    expect(route).toContain(
      "cookies().set('session', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', path: '/' })",
    );

    const again = await runAsync(['fix', root, '--yes', '--all', '--only', 'jwt-without-expiry,insecure-session-cookie', '--allow-dirty']);
    expect(again.code).toBe(0);
    expect(readTree(root)['app/api/login/route.ts']).toBe(route);
  });

  it('refuses a lifetime the question does not offer', async () => {
    const { code, stderr } = await runAsync(['fix', app(), '--dry-run', '--all', '--option', 'jwtLifetime=3600']);
    expect(code).toBe(2);
    expect(stderr).toContain('jwtLifetime');
  });
});
