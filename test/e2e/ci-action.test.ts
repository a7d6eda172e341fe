import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FIXTURES, REPO, cleanTempDirs, copyFixture, gitInit, runAsync, spawnAsync, tempDir } from '../helpers.ts';

afterAll(cleanTempDirs);

function readYaml(file: string): any {
  return parseYaml(readFileSync(file, 'utf8'));
}

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  shell?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

let action: { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };
let app: string;
beforeAll(() => {
  action = readYaml(path.join(REPO, 'action.yml'));
  app = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
});

/** Runs a step's script as the runner would: its `${{ inputs.* }}` and `${{ steps.* }}` expressions filled in, in `cwd`. */
async function runStep(step: Step, values: Record<string, string>, cwd: string) {
  const fill = (text: string) => text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
  const output = path.join(tempDir(), 'github-output');
  writeFileSync(output, '');
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, fill(value)]));
  const result = await spawnAsync('bash', ['-e', '-c', step.run!], {
    cwd,
    env: { ...process.env, ...env, GITHUB_ACTION_PATH: REPO, GITHUB_OUTPUT: output, NO_COLOR: '1', CI: 'true' },
  });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=') as [string, string]),
  );
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, outputs };
}

function inputs(overrides: Record<string, string>): Record<string, string> {
  const defaults = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [`inputs.${name}`, input.default ?? '']));
  return { ...defaults, ...Object.fromEntries(Object.entries(overrides).map(([name, value]) => [`inputs.${name}`, value])) };
}

describe('the GitHub Action and the pre-commit hook', () => {
  it('action.yml is a composite action with the documented inputs, setup-node, the scan and the SARIF upload', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'baseline', 'fail-on', 'node-version', 'path', 'upload']);
    expect(action.inputs['fail-on']!.default).toBe('high');
    expect(action.inputs.upload!.default).toBe('true');
    const steps = action.runs.steps;
    expect(steps[0]!.uses).toMatch(/^actions\/setup-node@v\d+$/);
    for (const step of steps) {
      // Composite run steps must name their shell; every step either runs or uses.
      expect(Boolean(step.run) !== Boolean(step.uses), JSON.stringify(step)).toBe(true);
      if (step.run) expect(step.shell).toBe('bash');
      // Inputs reach scripts through env, never pasted into the script, so an input cannot inject shell code.
      if (step.run) expect(step.run).not.toContain('${{');
    }
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toEqual({ sarif_file: 'shipshape.sarif' });
    expect(upload.if).toContain("inputs.upload == 'true'");
    const scan = steps.find((step) => step.id === 'scan')!;
    expect(scan.run).toContain('--format sarif --output shipshape.sarif');
    expect(scan.run).toContain('--format github');
  });

  it("the action's scan writes SARIF for upload, and the last step fails the job on findings", async () => {
    const scan = action.runs.steps.find((step) => step.id === 'scan')!;
    const workspace = path.dirname(app);
    const result = await runStep(scan, inputs({ path: path.basename(app) }), workspace);
    expect(result.code, result.stderr).toBe(0);
    expect(result.outputs).toEqual({ 'sarif-file': 'shipshape.sarif', 'exit-code': '1' });
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'shipshape.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBe(24);

    const fail = action.runs.steps.at(-1)!;
    expect((await runStep(fail, { 'steps.scan.outputs.exit-code': '1' }, workspace)).code).toBe(1);
    expect((await runStep(fail, { 'steps.scan.outputs.exit-code': '0' }, workspace)).code).toBe(0);
  });

  it('with upload false it annotates instead, and honours fail-on, baseline and args', async () => {
    const scan = action.runs.steps.find((step) => step.id === 'scan')!;
    const workspace = tempDir();
    const annotated = await runStep(scan, inputs({ path: app, upload: 'false' }), workspace);
    expect(annotated.stdout).toContain('::error file=lib/stripe.ts,line=3,');
    expect(annotated.outputs).toEqual({ 'exit-code': '1' });
    expect(existsSync(path.join(workspace, 'shipshape.sarif'))).toBe(false);

    const only = await runStep(
      scan,
      inputs({ path: app, upload: 'false', 'fail-on': 'none', args: '--only dependencies --skip missing-lockfile' }),
      workspace,
    );
    expect(only.outputs['exit-code']).toBe('0');
    const rules = new Set(only.stdout.match(/\[[a-z-]+\]::/g));
    // parse-error runs whatever --only says: a file no check could read is always worth knowing.
    expect([...rules].sort()).toEqual(['[parse-error]::', '[undeclared-dependency]::']);

    const baseline = path.join(workspace, 'baseline.json');
    await runAsync(['scan', app, '--write-baseline', baseline, '--quiet']);
    expect((await runStep(scan, inputs({ path: app, upload: 'false', baseline }), workspace)).outputs['exit-code']).toBe('0');
    expect((await runStep(scan, inputs({ path: app, args: '--no-such-flag' }), workspace)).outputs['exit-code']).toBe('2');
  }, 120_000);

  it('.pre-commit-hooks.yaml offers id shipshape, which scans the staged files and fails on high', async () => {
    const hooks = readYaml(path.join(REPO, '.pre-commit-hooks.yaml'));
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      id: 'shipshape',
      entry: 'shipshape scan --staged --fail-on high',
      language: 'node',
      pass_filenames: false,
    });
    const [, ...args] = hooks[0].entry.split(' ');
    const repo = gitInit(copyFixture(path.join(FIXTURES, 'apps', 'prototype')));
    expect((await runAsync([...args, repo])).code).toBe(0);
    writeFileSync(path.join(repo, 'lib/key.ts'), `export const key = 'sk_live_${'8'.repeat(24)}';\n`);
    spawnSync('git', ['add', 'lib/key.ts'], { cwd: repo });
    const staged = await runAsync([...args, repo]);
    expect(staged.code).toBe(1);
    expect(staged.stdout).toContain('lib/key.ts');
  });
});
