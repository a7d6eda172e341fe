import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Changeset, diskReader } from '../../src/engine/changeset.ts';
import { planTransform } from '../../src/engine/run-transform.ts';
import { resolveAnswers } from '../../src/engine/answers.ts';
import { scan } from '../../src/engine/scan.ts';
import { loadProject } from '../../src/project/load-project.ts';
import { CHECK_IDS, checksFixedBy, loadTransform } from '../../src/registry.ts';
import { REPO, writeTree } from '../helpers.ts';
import { typeErrors } from '../typecheck.ts';

/**
 * The fixed handlers run for real on multipart requests. The apps are written inside the repository, so
 * `next/server` resolves to the installed Next.js; the store is a stub that records what it was given.
 * `before` is the app as written, `after` the same app once validate-upload has fixed it.
 */
const cacheDir = path.join(REPO, 'node_modules', '.cache', 'shipshape-dev');
mkdirSync(cacheDir, { recursive: true });
const before = realpathSync(mkdtempSync(path.join(cacheDir, 'upload-before-')));
const after = realpathSync(mkdtempSync(path.join(cacheDir, 'upload-after-')));

const STORAGE = `export const stored: Array<{ bucket: string; path: string; bytes: string; type: string }> = [];

export const supabase = {
  storage: {
    from(bucket: string) {
      return {
        async upload(path: string, file: File) {
          stored.push({ bucket, path, bytes: Buffer.from(await file.arrayBuffer()).toString('base64'), type: file.type });
          return { data: { path }, error: null };
        },
      };
    },
  },
};
`;

const ROUTE = `import { NextResponse } from 'next/server';
import { supabase } from '../../../lib/storage';

export async function POST(request: Request) {
  const formData = await request.formData();
  const file = formData.get('file') as File;
  if (!file) return NextResponse.json({ error: 'No file' }, { status: 400 });
  const { data, error } = await supabase.storage.from('avatars').upload(\`avatars/\${file.name}\`, file);
  if (error) return NextResponse.json({ error: 'Upload failed' }, { status: 500 });
  return NextResponse.json({ path: data.path });
}
`;

const ACTION = `'use server';

import { supabase } from '../../lib/storage';

export async function uploadLogo(formData: FormData) {
  const logo = formData.get('logo') as File;
  if (!logo || logo.size === 0) return { error: 'Pick a file' };
  await supabase.storage.from('logos').upload(logo.name, logo);
  return { ok: true };
}
`;

const FORM = `'use client';

export function AvatarForm() {
  async function onChange(event: React.ChangeEvent<HTMLInputElement>) {
    const body = new FormData();
    body.append('file', event.target.files![0]!);
    await fetch('/api/avatar', { method: 'POST', body });
  }
  return <input type="file" accept="image/png,image/jpeg" onChange={onChange} />;
}
`;

const SETTINGS_PAGE = `import { uploadLogo } from './actions';

export default function Settings() {
  return (
    <form action={uploadLogo}>
      <input type="file" name="logo" accept=".png" />
    </form>
  );
}
`;

interface Storage {
  stored: Array<{ bucket: string; path: string; bytes: string; type: string }>;
}

interface App {
  storage: Storage;
  POST: (request: Request) => Promise<Response>;
  uploadLogo: (formData: FormData) => Promise<unknown>;
}

const APP = {
  'package.json': '{"name":"uploads-runtime","dependencies":{"next":"15.1.0"}}',
  'lib/storage.ts': STORAGE,
  'app/api/avatar/route.ts': ROUTE,
  'components/avatar-form.tsx': FORM,
  'app/settings/actions.ts': ACTION,
  'app/settings/page.tsx': SETTINGS_PAGE,
};

async function load(root: string): Promise<App> {
  return {
    storage: (await import(path.join(root, 'lib/storage.ts'))) as Storage,
    POST: (await import(path.join(root, 'app/api/avatar/route.ts'))).POST,
    uploadLogo: (await import(path.join(root, 'app/settings/actions.ts'))).uploadLogo,
  };
}

let original: App;
let fixed: App;

beforeAll(async () => {
  writeTree(APP, before);
  writeTree(APP, after);
  const project = loadProject(after, { knownCheckIds: CHECK_IDS });
  const { findings } = await scan(project, { checks: checksFixedBy('validate-upload') });
  const transform = (await loadTransform('validate-upload'))!;
  const answers = resolveAnswers(transform, { maxBytes: 1024 }, {});
  const { changeset } = await planTransform(project, transform, findings, answers, new Changeset(diskReader(after)));
  for (const change of changeset.changes()) writeFileSync(path.join(after, change.path), change.after!);
  original = await load(before);
  fixed = await load(after);
});

afterAll(() => {
  rmSync(before, { recursive: true, force: true });
  rmSync(after, { recursive: true, force: true });
});

function upload(field: string, bytes: number, type: string, name: string): FormData {
  const form = new FormData();
  form.append(field, new File([new Uint8Array(bytes).fill(7)], name, { type }));
  return form;
}

const post = (app: App, form: FormData) => app.POST(new Request('http://localhost/api/avatar', { method: 'POST', body: form }));

describe('a route handler fixed by validate-upload', () => {
  it('takes its allowed types from the form that posts to it, and adds no type error', () => {
    const route = readFileSync(path.join(after, 'app/api/avatar/route.ts'), 'utf8');
    expect(route).toContain("const ALLOWED_UPLOAD_TYPES = ['image/png', 'image/jpeg'];");
    expect(route).toContain('const MAX_UPLOAD_BYTES = 1024;');
    const fixedFiles = ['app/api/avatar/route.ts', 'app/settings/actions.ts'];
    expect(typeErrors(after).filter((error) => fixedFiles.some((file) => error.startsWith(file)))).toEqual([]);
  }, 120_000);

  it('answers 413 to a file over the limit and stores nothing', async () => {
    const response = await post(fixed, upload('file', 2048, 'image/png', 'big.png'));
    expect(response.status).toBe(413);
    expect(fixed.storage.stored).toEqual([]);
  });

  it('answers 415 to a type outside the list and stores nothing', async () => {
    const response = await post(fixed, upload('file', 10, 'text/html', 'page.html'));
    expect(response.status).toBe(415);
    expect(fixed.storage.stored).toEqual([]);
  });

  it('stores a good file exactly as before the fix, and answers the same', async () => {
    const answers = await Promise.all([original, fixed].map(async (app) => post(app, upload('file', 300, 'image/jpeg', 'me.jpg'))));
    expect(answers.map((response) => response.status)).toEqual([200, 200]);
    expect(await answers[1]!.json()).toEqual(await answers[0]!.json());
    expect(fixed.storage.stored).toEqual(original.storage.stored);
    expect(fixed.storage.stored).toHaveLength(1);
  });

  it('still answers a request without a file as before', async () => {
    const statuses = await Promise.all([original, fixed].map(async (app) => (await post(app, new FormData())).status));
    expect(statuses).toEqual([400, 400]);
  });
});

describe('a server action fixed by validate-upload', () => {
  it('returns its own kind of error for a wrong type and stores nothing', async () => {
    const count = fixed.storage.stored.length;
    expect(await fixed.uploadLogo(upload('logo', 10, 'image/svg+xml', 'logo.svg'))).toEqual({ error: 'Unsupported file type' });
    expect(fixed.storage.stored).toHaveLength(count);
  });

  it('stores a PNG as before', async () => {
    const results = await Promise.all([original, fixed].map((app) => app.uploadLogo(upload('logo', 10, 'image/png', 'logo.png'))));
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(fixed.storage.stored.at(-1)).toEqual(original.storage.stored.at(-1));
  });
});
