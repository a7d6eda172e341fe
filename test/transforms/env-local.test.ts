import { afterEach, describe, expect, it } from 'vitest';
import { Changeset, diskReader } from '../../src/engine/changeset.ts';
import { planTransform } from '../../src/engine/run-transform.ts';
import { resolveAnswers } from '../../src/engine/answers.ts';
import { scan } from '../../src/engine/scan.ts';
import { loadProject } from '../../src/project/load-project.ts';
import { TRANSFORMS } from '../../src/all-transforms.ts';
import { CHECK_IDS, checksFixedBy } from '../../src/registry.ts';
import type { ProjectTransform } from '../../src/engine/transform-types.ts';
import { answerVitest, cleanTempDirs, gitInit, writeTree } from '../helpers.ts';

afterEach(cleanTempDirs);
afterEach(answerVitest);

const projectTransforms = TRANSFORMS.filter((t): t is ProjectTransform => t.kind === 'project');

describe('extract-hardcoded-secret and .env.local', () => {
  const transform = projectTransforms.find((t) => t.meta.id === 'extract-hardcoded-secret')!;

  async function plan(root: string, options: Record<string, string | boolean>) {
    const project = loadProject(root, { knownCheckIds: CHECK_IDS });
    const { findings } = await scan(project, { checks: checksFixedBy(transform.meta.id) });
    return (await planTransform(project, transform, findings, options, new Changeset(diskReader(root)))).changeset;
  }

  it('writes the values to a git-ignored .env.local only when the wizard was told to', async () => {
    const root = gitInit(
      writeTree({
        'package.json': '{"name":"keys","dependencies":{"stripe":"1.0.0"}}',
        '.gitignore': '.env*.local\n',
        'lib/stripe.ts': "import Stripe from 'stripe';\nexport const stripe = new Stripe('sk_live_51Habc9DEF8ghi7JKL6mno5PQR');\n",
      }),
    );
    const asked = await plan(root, { writeEnvLocal: true });
    expect(asked.read('.env.local')).toBe('STRIPE_SECRET_KEY=sk_live_51Habc9DEF8ghi7JKL6mno5PQR\n');
    expect(asked.read('lib/stripe.ts')).toContain('new Stripe(process.env.STRIPE_SECRET_KEY!)');
    expect((await plan(root, {})).read('.env.local')).toBeNull();
    // Scripts cannot say yes for the user: `--option writeEnvLocal=true` is ignored.
    expect(resolveAnswers(transform, { writeEnvLocal: true }, { writeEnvLocal: true }).writeEnvLocal).toBe(false);
  });

  it('writes nothing where git would commit .env.local', async () => {
    const root = gitInit(
      writeTree({
        'package.json': '{"name":"keys","dependencies":{"stripe":"1.0.0"}}',
        'lib/stripe.ts': "import Stripe from 'stripe';\nexport const stripe = new Stripe('sk_live_51Habc9DEF8ghi7JKL6mno5PQR');\n",
      }),
    );
    const changeset = await plan(root, { writeEnvLocal: true });
    expect(changeset.read('.env.local')).toBeNull();
    expect(changeset.followUps.map((f) => f.message).join('\n')).toContain('.env.local is not git-ignored');
  });
});
