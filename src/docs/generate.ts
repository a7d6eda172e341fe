import { writeCheckDocs } from './check-docs.ts';

const touched = await writeCheckDocs();
process.stdout.write(touched.length > 0 ? `${touched.map((file) => `wrote ${file}`).join('\n')}\n` : 'docs are up to date\n');
