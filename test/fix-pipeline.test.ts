import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Changeset, diskReader } from '../src/engine/changeset.ts';
import type { FixGroup } from '../src/engine/fixes.ts';
import { FixConflictError, MAX_FIX_PASSES, planFixes, scanOverlay } from '../src/engine/fixpoint.ts';
import { planTransform } from '../src/engine/run-transform.ts';
import type { FileTransform, ProjectTransform, TransformMeta } from '../src/engine/transform-types.ts';
import { loadProject } from '../src/project/load-project.ts';
import { CHECK_IDS, CHECKS } from '../src/registry.ts';
import type { Finding } from '../src/types.ts';
import { FIXTURES, cleanTempDirs, copyFixture, writeTree } from './helpers.ts';

afterAll(cleanTempDirs);

const load = (root: string) => loadProject(root, { knownCheckIds: CHECK_IDS });
const meta = (id: string): TransformMeta => ({ id, title: id, description: id, safe: true });
const finding = (file: string): Finding => ({
  ruleId: 'test',
  severity: 'low',
  category: 'test',
  title: 'test',
  messageId: 'test',
  message: 'test',
  file,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  fingerprint: file,
  fix: null,
});
const projectTransform = (id: string, plan: ProjectTransform['plan']): ProjectTransform => ({ kind: 'project', meta: meta(id), plan });

describe('the parse gate', () => {
  const app = () =>
    writeTree({ 'package.json': '{ "name": "app" }', 'lib/a.ts': 'export const a = 1;\n', 'lib/b.ts': 'export const b = 2;\n' });

  it('drops the change of a file transform whose output does not parse, names the transform and the file, and keeps its other files', async () => {
    const root = app();
    const broken: FileTransform = {
      kind: 'file',
      meta: meta('breaks-a'),
      parser: 'tsx',
      transform: (file) => (file.path === 'lib/a.ts' ? 'export const a = ;\n' : file.source.replace('2', '3')),
    };
    const planned = await planTransform(
      load(root),
      broken,
      [finding('lib/a.ts'), finding('lib/b.ts')],
      {},
      new Changeset(diskReader(root)),
    );
    expect(planned.changeset.changes().map((change) => change.path)).toEqual(['lib/b.ts']);
    expect(planned.failures).toHaveLength(1);
    expect(planned.failures[0]).toMatchObject({ file: 'lib/a.ts', internal: 'breaks-a' });
    expect(planned.failures[0]!.reason).toMatch(/^breaks-a wrote code that does not parse \(Unexpected token/);
  });

  it('drops the whole change of a project transform when one of its files does not parse (JSON, Prisma, SQL too)', async () => {
    for (const [file, text] of [
      ['package.json', '{ "name": "app", }'],
      ['prisma/schema.prisma', 'model User {\n  id Int @id\n'],
      ['supabase/migrations/1_init.sql', 'create tabel users (id int);'],
    ]) {
      const root = app();
      const transform = projectTransform('breaks-one', ({ changeset }) => {
        changeset.write('lib/a.ts', 'export const a = 10;\n');
        changeset.write(file!, text!);
      });
      const planned = await planTransform(load(root), transform, [], {}, new Changeset(diskReader(root)));
      expect(planned.changeset.changes(), file).toEqual([]);
      expect(planned.failures, file).toEqual([expect.objectContaining({ file, internal: 'breaks-one' })]);
      expect(planned.failures[0]!.reason).toContain('its whole change was dropped');
    }
  });

  it("counts a transform's own bug as shipshape's fault, and a reason it gives, or the project's file, as not", async () => {
    const root = app();
    const failing = (id: string, error: Error): FileTransform => ({
      kind: 'file',
      meta: meta(id),
      parser: 'tsx',
      transform: () => {
        throw error;
      },
    });
    const bug = await planTransform(
      load(root),
      failing('has-a-bug', new TypeError("Cannot read properties of undefined (reading 'type')")),
      [finding('lib/a.ts')],
      {},
      new Changeset(diskReader(root)),
    );
    expect(bug.failures).toEqual([expect.objectContaining({ file: 'lib/a.ts', internal: 'has-a-bug' })]);
    const reason = await planTransform(
      load(root),
      failing('gives-a-reason', new Error('lib/b.ts already exists')),
      [finding('lib/a.ts')],
      {},
      new Changeset(diskReader(root)),
    );
    expect(reason.failures).toEqual([{ file: 'lib/a.ts', reason: 'lib/b.ts already exists' }]);
    const projectBug = projectTransform('project-bug', () => {
      throw new RangeError('Invalid array length');
    });
    expect((await planTransform(load(root), projectBug, [], {}, new Changeset(diskReader(root)))).failures).toEqual([
      expect.objectContaining({ file: 'project-bug', internal: 'project-bug' }),
    ]);
  });

  it('does not blame a transform for a file that did not parse before it', async () => {
    const root = writeTree({ 'package.json': '{ "name": "app" }', 'tsconfig.json': '{ // comments\n "compilerOptions": {} }\n' });
    const transform = projectTransform('edits-jsonc', ({ changeset }) =>
      changeset.write('tsconfig.json', '{ // comments\n "compilerOptions": { "strict": true } }\n'),
    );
    const planned = await planTransform(load(root), transform, [], {}, new Changeset(diskReader(root)));
    expect(planned.failures).toEqual([]);
    expect(planned.changeset.changes()).toHaveLength(1);
  });
});

describe('planning to a fixpoint', () => {
  const groupsOf =
    (...transforms: ProjectTransform[]) =>
    () =>
      transforms.map((transform): FixGroup => ({ transform, findings: [] }));

  it('stops on fixes that undo each other, naming the file, instead of looping', async () => {
    const root = writeTree({ 'package.json': '{ "name": "app" }', 'flag.txt': 'off\n' });
    const toggle = projectTransform('toggle', ({ changeset }) =>
      changeset.write('flag.txt', changeset.read('flag.txt') === 'off\n' ? 'on\n' : 'off\n'),
    );
    await expect(
      planFixes({ project: load(root), checks: [], select: () => true, answers: () => ({}), groupFindings: groupsOf(toggle) }),
    ).rejects.toThrow(new FixConflictError('fixes undo each other in flag.txt: pass 2 returns it to an earlier content'));
  });

  it(`caps the passes at ${MAX_FIX_PASSES} and says so when fixes keep planning`, async () => {
    const root = writeTree({ 'package.json': '{ "name": "app" }', 'log.txt': '' });
    const grows = projectTransform('grows', ({ changeset }) => changeset.write('log.txt', `${changeset.read('log.txt')}line\n`));
    const plan = await planFixes({
      project: load(root),
      checks: [],
      select: () => true,
      answers: () => ({}),
      groupFindings: groupsOf(grows),
    });
    expect(plan.capped).toBe(true);
    expect(plan.passes).toBe(MAX_FIX_PASSES);
    expect(plan.changeset.read('log.txt')).toBe('line\n'.repeat(MAX_FIX_PASSES));
  });

  it('re-scans the planned files in memory: a created module and edited env template are seen, the disk is not touched', async () => {
    const root = copyFixture(path.join(FIXTURES, 'apps', 'multipass'));
    const project = load(root);
    const changeset = new Changeset(diskReader(root));
    changeset.write('lib/extra.ts', 'export const key = process.env.STRIPE_SECRET_KEY;\n');
    changeset.write('.env.example', 'NEXT_PUBLIC_SUPABASE_URL=\nNEXT_PUBLIC_OPENAI_API_KEY=\n');
    const { project: overlaid, result } = await scanOverlay(
      project,
      changeset,
      CHECKS.filter((check) => check.meta.id === 'env-var-undefined'),
    );
    expect(overlaid.files).toContain('lib/extra.ts');
    expect(overlaid.envFiles.find((env) => env.path === '.env.example')!.variables.map((v) => v.name)).toEqual([
      'NEXT_PUBLIC_SUPABASE_URL',
      'NEXT_PUBLIC_OPENAI_API_KEY',
    ]);
    const undefinedReads = result.findings.map((f) => `${f.file}:${f.message.split(' ')[0]}`);
    expect(undefinedReads).toContain('lib/extra.ts:STRIPE_SECRET_KEY');
    expect(undefinedReads).not.toContain('lib/ai.ts:NEXT_PUBLIC_OPENAI_API_KEY');
    expect(load(root).files).not.toContain('lib/extra.ts');
  });

  it('leaves out of the planned project the files it creates that the ignore rules cover, as loading it after the write does', async () => {
    // The app pushes its Prisma schema and ignores the migrations folder: a migration a fix writes there is
    // no source of the schema, and the Prisma findings must stay, in the re-scan as on disk after.
    const root = writeTree({
      'package.json': JSON.stringify({ name: 'app', dependencies: { '@prisma/client': '5.0.0' } }),
      '.gitignore': '/prisma/migrations/\n',
      'prisma/schema.prisma': [
        'datasource db {',
        '  provider = "postgresql"',
        '  url      = env("DATABASE_URL")',
        '}',
        'model User {',
        '  id    String @id',
        '  posts Post[]',
        '}',
        'model Post {',
        '  id       String @id',
        '  authorId String',
        '  author   User   @relation(fields: [authorId], references: [id])',
        '}',
        '',
      ].join('\n'),
      'shipshape.config.json': JSON.stringify({ ignore: ['scripts/**'] }),
    });
    const checks = CHECKS.filter((check) => check.meta.id === 'unindexed-foreign-key');
    const project = load(root);
    const changeset = new Changeset(diskReader(root));
    changeset.write('prisma/migrations/20240101000000_limits/migration.sql', 'create table rate_limits (key text primary key);\n');
    changeset.write('scripts/seed.ts', 'export {};\n');
    changeset.write('lib/limits.ts', 'export {};\n');
    const { project: overlaid, result } = await scanOverlay(project, changeset, checks);
    expect(overlaid.files).toContain('lib/limits.ts');
    expect(overlaid.files).not.toContain('prisma/migrations/20240101000000_limits/migration.sql');
    expect(overlaid.files).not.toContain('scripts/seed.ts');
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['unindexed-foreign-key prisma/schema.prisma']);

    // The .gitignore as planned counts: one the changes edit ignores what it now names.
    changeset.write('.gitignore', '/prisma/migrations/\n/lib/\n');
    expect((await scanOverlay(project, changeset, checks)).project.files).not.toContain('lib/limits.ts');
  });
});
