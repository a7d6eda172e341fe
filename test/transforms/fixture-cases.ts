import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Changeset, diskReader } from '../../src/engine/changeset.ts';
import { planTransform, runFileTransform } from '../../src/engine/run-transform.ts';
import { resolveAnswers } from '../../src/engine/answers.ts';
import { parseSource } from '../../src/engine/parse.ts';
import { scan } from '../../src/engine/scan.ts';
import { loadProject } from '../../src/project/load-project.ts';
import { TRANSFORMS } from '../../src/all-transforms.ts';
import { CHECK_IDS, checksFixedBy } from '../../src/registry.ts';
import type { Answers, FileTransform, ProjectTransform, Transform } from '../../src/engine/transform-types.ts';
import { FIXTURES, answerVitest, cleanTempDirs, readFixtureTree, readTree, writeTree } from '../helpers.ts';

/** The `<case>.input.<ext>` / `<case>.output.<ext>` pairs in a folder, found by name: a new pair needs no list. */
export function fileCases(
  dir: string,
): Array<{ name: string; ext: string; input: string; output: string; options: Record<string, unknown> }> {
  return readdirSync(dir)
    .filter((file) => /\.input\.\w+$/.test(file))
    .sort()
    .map((file) => {
      const base = file.replace(/\.input\.\w+$/, '');
      const ext = path.extname(file);
      const optionsFile = path.join(dir, `${base}.options.json`);
      return {
        name: base,
        ext,
        input: readFileSync(path.join(dir, file), 'utf8'),
        output: readFileSync(path.join(dir, `${base}.output${ext}`), 'utf8'),
        options: existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {},
      };
    });
}

const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/**
 * Every fixture is written with LF, no byte order mark and two-space indents; each also runs as
 * the files of other editors, with the same conversion applied to what it must become.
 */
export interface Variant {
  name: string;
  crlf: boolean;
  bom: boolean;
  tabs: boolean;
}

export const VARIANTS: Variant[] = [
  { name: 'LF', crlf: false, bom: false, tabs: false },
  { name: 'CRLF', crlf: true, bom: false, tabs: false },
  { name: 'BOM', crlf: false, bom: true, tabs: false },
  { name: 'BOM and CRLF', crlf: true, bom: true, tabs: false },
  { name: 'tabs', crlf: false, bom: false, tabs: true },
];

const indented = (text: string) => /^ {2}/m.test(text);
const withCrlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** A source file as the variant's editor writes it. A file with no indented line has no indentation for inserted code to follow. */
export function convertSource(text: string, variant: Omit<Variant, 'name'>): string {
  let result = variant.tabs && indented(text) ? text.replace(/^(?: {2})+/gm, (indent) => '\t'.repeat(indent.length / 2)) : text;
  if (variant.crlf) result = withCrlf(result);
  return variant.bom ? `\ufeff${result}` : result;
}

function expectParses(file: string, text: string): void {
  expect(() => parseSource(file, text), `${file} parses`).not.toThrow();
}

/**
 * The transforms one test file runs: every `shards`-th one, counted from `shard`, in id order. The
 * fixture cases of all transforms are minutes of one worker; split this way they run side by side,
 * and a new transform lands in a shard without a list to update.
 */
export function transformShard(shard: number, shards: number): Transform[] {
  return [...TRANSFORMS].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).filter((_, index) => index % shards === shard);
}

export function describeTransformFixtures(transforms: readonly Transform[]): void {
  // Every case writes its trees to temporary folders: removed as it ends, not thousands at once at the end of the file.
  afterEach(cleanTempDirs);
  afterEach(answerVitest);
  for (const transform of transforms) {
    if (transform.kind === 'file') describeFileTransform(transform);
    else describeProjectTransform(transform);
  }
}

function describeFileTransform(transform: FileTransform): void {
  describe(`${transform.meta.id} fixtures`, () => {
    const cases = fileCases(path.join(FIXTURES, transform.meta.id));
    const table = cases.flatMap((c) =>
      VARIANTS.filter((variant) => !variant.tabs || indented(c.input)).map((variant) => ({
        ...c,
        variant: variant.name,
        convert: (text: string) => convertSource(text, variant),
      })),
    );
    /** The real runner, without jscodeshift's test helper, which trims what it returns (and a byte order mark with it). */
    const apply = async (source: string, options: Record<string, unknown>, file: string) =>
      (await runFileTransform(transform, file, source, options as Answers)) ?? source;

    it.each(table)('$name ($variant)', async ({ name, ext, input, output, options, convert }) => {
      const result = await apply(convert(input), options, `${name}${ext}`);
      expect(result).toBe(convert(output));
      expectParses(`${name}${ext}`, result);
    });

    it.each(table)('$name is idempotent ($variant)', async ({ name, ext, output, options, convert }) => {
      expect(await apply(convert(output), options, `${name}${ext}`)).toBe(convert(output));
    });

    it('has a case that must change something and one that must change nothing', () => {
      expect(cases.some((c) => c.input !== c.output)).toBe(true);
      expect(cases.some((c) => c.input === c.output)).toBe(true);
    });

    // `shipshape transform` lets these checks pick the files worth a recast parse: they must flag every file the transform changes.
    const screening = checksFixedBy(transform.meta.id).filter((check) => check.kind === 'file');
    it.each(cases.filter((c) => c.input !== c.output))('$name is flagged by the check that screens for it', async ({ input, ext }) => {
      expect(screening.length).toBeGreaterThan(0);
      const file = [`lib/subject${ext}`, `next.config${ext}`].find((candidate) => (transform.meta.files ?? (() => true))(candidate))!;
      const flaggedAt = async (path: string, packageJson: string) => {
        const root = writeTree({ 'package.json': packageJson, [path]: input });
        const { findings } = await scan(loadProject(root, { knownCheckIds: CHECK_IDS }), { checks: screening });
        return findings.some((f) => f.file === path && f.ruleId !== 'parse-error');
      };
      // A route's fix is screened where Next.js routes it: a route handler or an API route of a Next.js app.
      const nextApp = '{"name":"screen","dependencies":{"next":"15.0.0"}}';
      const flagged =
        (await flaggedAt(file, '{"name":"screen","dependencies":{}}')) ||
        (await flaggedAt(`app/api/subject/route${ext}`, nextApp)) ||
        (await flaggedAt(`pages/api/subject${ext}`, nextApp));
      expect(flagged).toBe(true);
    });
  });
}

/**
 * A fixture tree as the variant's editor writes it: every text file in its line endings, source files
 * with its byte order mark and indentation. A file the fix creates (one `input/` does not have) takes
 * the project's style: the variant's line endings, and tabs once the project's code is tab-indented,
 * but no byte order mark.
 */
function convertedTree(dir: string, variant: Variant, input: Readonly<Record<string, string>>): Record<string, string> {
  const tree = readFixtureTree(dir);
  const tabbedProject = variant.tabs && Object.entries(input).some(([file, text]) => SOURCE_FILE.test(file) && indented(text));
  const convert = (file: string, text: string) => {
    if (!SOURCE_FILE.test(file)) return variant.crlf ? withCrlf(text) : text;
    if (file in input) return convertSource(text, { ...variant, tabs: variant.tabs && indented(input[file]!) });
    return convertSource(text, { crlf: variant.crlf, bom: false, tabs: tabbedProject });
  };
  return Object.fromEntries(Object.entries(tree).map(([file, text]) => [file, convert(file, text)]));
}

/** A project transform's case is a folder: `input/` is the app, `output/` the expected tree after the fix. */
function describeProjectTransform(transform: ProjectTransform): void {
  describe(`${transform.meta.id} fixtures`, () => {
    const dir = path.join(FIXTURES, transform.meta.id);
    // A whole app without an `output/` tree (standup-saas) is checked by building it, in migrate-build.test.ts.
    const cases = readdirSync(dir)
      .filter((name) => existsSync(path.join(dir, name, 'input')) && existsSync(path.join(dir, name, 'output')))
      .sort();
    // The migration moves modules and writes new ones from templates and snippets whose line
    // endings and indentation do not follow the project's yet: it runs on the LF fixtures only.
    const variants = transform.meta.id === 'migrate-app-router' ? VARIANTS.slice(0, 1) : VARIANTS;
    const table = cases.flatMap((name) => variants.map((variant) => ({ name, variant: variant.name })));
    const variantNamed = (name: string) => VARIANTS.find((variant) => variant.name === name)!;
    const originalInput = (name: string) => readFixtureTree(path.join(dir, name, 'input'));

    async function fix(root: string, options: Record<string, string>): Promise<Changeset> {
      const project = loadProject(root, { knownCheckIds: CHECK_IDS });
      const checks = checksFixedBy(transform.meta.id);
      const { findings } = await scan(project, { checks });
      const changeset = new Changeset(diskReader(root));
      const planned = await planTransform(project, transform, findings, resolveAnswers(transform, options, {}), changeset);
      return planned.changeset;
    }

    function applyInMemory(root: string, changeset: Changeset): Record<string, string> {
      const tree = readTree(root);
      for (const change of changeset.changes()) {
        if (change.after === null) delete tree[change.path];
        else tree[change.path] = change.after;
      }
      return tree;
    }

    const optionsOf = (name: string) => {
      const file = path.join(dir, name, 'options.json');
      return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    };

    it.each(table)('$name ($variant)', async ({ name, variant }) => {
      const input = originalInput(name);
      const root = writeTree(convertedTree(path.join(dir, name, 'input'), variantNamed(variant), input));
      const expected = convertedTree(path.join(dir, name, 'output'), variantNamed(variant), input);
      const changeset = await fix(root, optionsOf(name));
      expect(applyInMemory(root, changeset)).toEqual(expected);
      for (const change of changeset.changes())
        if (change.after !== null && SOURCE_FILE.test(change.path)) expectParses(change.path, change.after);
    });

    it.each(table)('$name is idempotent ($variant)', async ({ name, variant }) => {
      const root = writeTree(convertedTree(path.join(dir, name, 'output'), variantNamed(variant), originalInput(name)));
      const changeset = await fix(root, optionsOf(name));
      expect(changeset.changes()).toEqual([]);
    });

    it('has a case that must change something and one that must change nothing', () => {
      const differs = cases.map(
        (name) => JSON.stringify(readTree(path.join(dir, name, 'input'))) !== JSON.stringify(readTree(path.join(dir, name, 'output'))),
      );
      expect(differs).toContain(true);
      expect(differs).toContain(false);
    });
  });
}
