import { renderMarkdown } from './markdown';

export type Doc = { slug: string; title: string; body: string };

export const DOCS: Doc[] = [
  {
    slug: 'getting-started',
    title: 'Getting started',
    body: `Create a team, invite people, and pick the time your stand-up closes.

- Open **Dashboard → Teams**
- Click *New team*
- Share the invite link

Everyone gets a reminder an hour before the stand-up closes.`,
  },
  {
    slug: 'integrations',
    title: 'Integrations',
    body: `Standup posts the day's summary to Slack or to a webhook.

\`\`\`
POST https://example.com/hooks/standup
{ "team": "core", "summary": "..." }
\`\`\`

Webhooks retry three times with a back-off.`,
  },
  {
    slug: 'api',
    title: 'API',
    body: `Read a team with \`GET /api/teams/:teamId\` and rename it with \`PATCH\`. See [the changelog](/changelog) for what changed.`,
  },
];

export function getDoc(slug: string) {
  const doc = DOCS.find((entry) => entry.slug === slug);
  return doc ? { ...doc, html: renderMarkdown(doc.body) } : null;
}
