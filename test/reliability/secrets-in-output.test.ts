import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, gitInit, runAsync, writeTree } from '../helpers.ts';

afterAll(cleanTempDirs);

const jwt = (payload: object) =>
  ['{"alg":"HS256","typ":"JWT"}', JSON.stringify(payload)].map((part) => Buffer.from(part).toString('base64url')).join('.') +
  '.Wq3Rk8Tz1Lm5Vn9Xp2Bc7Dh4Fj6Gs0Ha';

const PEM_BODY = [
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MkIpxEdzRJ3kPbWzB4ZmAnRq8sTuV2cY6dLf1hNxO0gJiKlM3nPqRsT5uVwXyZaB',
  'Qr7Ls2Mn8Kp4Vt1Wx6Yz3Ab9Cd0Ef5Gh2Ij7Kl4Mn1Op8Qr3St6Uv9Wx2Yz5Ab8C',
  'Hk4Lp9Qz2=',
];
/** Another key in the source, so its body is masked as a key, not as an env value. */
const SOURCE_PEM_BODY = PEM_BODY.map((line) => [...line].reverse().join(''));

/** Realistic fake keys of each shape the scanner knows, as gitleaks' own tests list them. */
const CORPUS: Record<string, string> = {
  'AWS access key id': 'AKIAZ7Q4RW2XNB5LK3PD',
  'AWS secret access key': 'k3Vq9Lr2Xw7Zp4Tn8Yb1Hc6Jd5Mf0Gs2Ra9Ue3Wi',
  'GitHub classic token': 'ghp_R8mK2vL9qX4tN7wB1yC6jD3fH5gS0aP2eU8i',
  'GitHub OAuth token': 'gho_T5nW8kQ2rL7vB4xM1zC9jF6hD3gS0pA2eY8u',
  'GitHub fine-grained token': 'github_pat_11ABQ7ZKY0Rk8Lm2Nv4Pq6_St9Uw1Xy3Za5Bc7De9Fg2Hj4Kl6Mn8Pq1Rs3Tu5Vw7Xy9Za2Bc4De6Fg',
  'Stripe live secret key': 'sk_live_51Hx7Kq2Lm9Np4Rs8Tv3Wx6Yz1Ab5Cd0Ef7Gh2Jk9Lm',
  'Stripe restricted key': 'rk_live_51Hx4Pw8Qe2Rt6Yu1Io5Pa9Sd3Fg7Hj0Kl4Zx8Cv2Bn',
  'OpenAI key': 'sk-T3BlbkFJq8Rw2Lz5Xn9Vc4Bm7Kp1Hs6Dj3Fg0Ay5Ue8Wi2',
  'OpenAI project key': 'sk-proj-Hq4Zt7Wn2Rk9Lm5Xp8Vb3Cs6Dj1Fg0Ay4Ue7Wi2Oq5Rt8',
  'Anthropic key': 'sk-ant-api03-Zq8Wm3Rk6Lt9Xn2Vp5Bc8Hs1Dj4Fg7Ay0Ue3Wi6Oq9Rt2Ks5',
  'Slack bot token': 'xoxb-284716395021-3958172640193-Qz7vR2pL9xK4mN8wT1yB6cJ3',
  'Slack user token': 'xoxp-519283746501-8273645019283-Lm4Nq8Rw2Tz6Xv1Yb5Cd9Ef3',
  'Twilio API key': 'SKa1b2c3d4e5f60718293a4b5c6d7e8f90',
  'SendGrid key': 'SG.Kq7Lm2Np9Rs4Tv8Wx3Yz6A.b1Cd5Ef0Gh7Jk2Lm9Np4Rs8Tv3Wx6Yz1Ab5Cd0Ef7',
  'Resend key': 're_Ab12Cd34_Ef56Gh78Ij90Kl12Mn34Op56',
  'Supabase service role key': jwt({ iss: 'supabase', ref: 'qwertyuiopasdfgh', role: 'service_role', iat: 1714000000, exp: 2029576000 }),
  JWT: jwt({ sub: 'user-42', name: 'Ada', iat: 1714000000 }),
  'Postgres password': 'Pg7pa55-w0rd-Rt9',
  'SQL role password': 'S3cretR0le!pw',
  'env-only custom token': 'Qz7vR2pL9xK4mN8wT1yB6cJ3',
  ...Object.fromEntries(PEM_BODY.map((line, i) => [`private key line ${i + 1}`, line])),
  ...Object.fromEntries(SOURCE_PEM_BODY.map((line, i) => [`private key in the source, line ${i + 1}`, line])),
};

const secret = (name: string) => CORPUS[name]!;

function app(): string {
  const literals = Object.entries(CORPUS).filter(
    ([name]) => !name.startsWith('private key') && !name.startsWith('SQL') && !name.startsWith('Postgres'),
  );
  const source = [
    ...literals.flatMap(([, value], i) => [
      `const v${i} = '${value}';`,
      `export const call${i} = () => fetch('https://api.vendor.io/v1/${i}', { headers: { a: v${i} } });`,
    ]),
    `const db = 'postgres://app:${secret('Postgres password')}@db.internal.io:5432/app';`,
    "export const callDb = () => fetch('https://api.vendor.io/v1/db', { body: db });",
    "export const before = () => fetch('https://api.vendor.io/v1/before');",
    'const pem = `-----BEGIN PRIVATE KEY-----',
    ...SOURCE_PEM_BODY,
    '-----END PRIVATE KEY-----`;',
    "export const after = () => fetch('https://api.vendor.io/v1/after', { body: pem });",
    '',
  ].join('\n');
  return gitInit(
    writeTree({
      'package.json': JSON.stringify({ name: 'leaky', dependencies: { next: '14.2.3', '@supabase/supabase-js': '2.45.0' } }),
      '.gitignore': 'node_modules\n',
      '.env.local': [
        `MY_CUSTOM_TOKEN=${secret('env-only custom token')}`,
        `NEXT_PUBLIC_OPENAI_API_KEY=${secret('OpenAI project key')}`,
        `PRIVATE_KEY="-----BEGIN PRIVATE KEY-----`,
        ...PEM_BODY,
        '-----END PRIVATE KEY-----"',
        `NEXT_PUBLIC_STRIPE_SECRET_KEY=${secret('Stripe live secret key')}`,
        '',
      ].join('\n'),
      'lib/vendor.ts': source,
      'supabase/migrations/20240101000000_init.sql': [
        `create role app_user login password '${secret('SQL role password')}';`,
        `-- token: ${secret('env-only custom token')}`,
        'create table public.notes (id bigint primary key, body text);',
        `insert into public.notes (id, body) values (1, '${secret('env-only custom token')}');`,
        `alter role app_user with encrypted password '${secret('SQL role password')}';`,
        '',
      ].join('\n'),
    }),
  );
}

function leaks(output: string): string[] {
  return Object.entries(CORPUS)
    .filter(([, value]) => output.includes(value))
    .map(([name]) => name);
}

describe('secrets in output', () => {
  const dir = app();

  it.each(['text', 'json', 'sarif'])('scan --format %s shows none of the secret corpus', async (format) => {
    const result = await runAsync(['scan', dir, '--format', format]);
    expect(result.code).toBe(1);
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
    if (format === 'text') {
      // The frames did show the lines that hold them, masked.
      expect(result.stdout).toMatch(/\| const v\d+ = 'Qz7vR2…\(24 chars\)';/);
      expect(result.stdout).toContain("| create role app_user login password '…(13 chars)';");
      expect(result.stdout).toContain('| MY_CUSTOM_TOKEN=Qz7vR2…(24 chars)');
      expect(result.stdout).toMatch(/\| -----END PRIVATE KEY-----"/);
    }
  });

  it('fix --dry-run shows none of them, and --patch writes them exactly', async () => {
    const dry = await runAsync(['fix', dir, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('AbortSignal.timeout(10000)');
    expect(dry.stdout).toMatch(/^ const pem = `-----BEGIN PRIVATE KEY-----$/m);
    expect(leaks(dry.stdout + dry.stderr)).toEqual([]);
    expect(dry.stderr).toContain('secrets in the diff are masked');

    const patch = `${dir}/../leaky.patch`;
    expect((await runAsync(['fix', dir, '--patch', patch])).code).toBe(0);
    expect(readFileSync(patch, 'utf8')).toContain(`MY_CUSTOM_TOKEN=${secret('env-only custom token')}`);
  }, 180_000);
});
