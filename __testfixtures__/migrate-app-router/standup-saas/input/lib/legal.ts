export const LEGAL_DOCS: Record<string, { title: string; markdown: string }> = {
  privacy: {
    title: 'Privacy policy',
    markdown: `## What we collect

Your name, your e-mail address and what you write in stand-ups.

## What we do with it

We show it to your team. We do **not** sell it.`,
  },
  terms: {
    title: 'Terms of service',
    markdown: `## Accounts

You are responsible for your team's account.

## Payment

Plans renew monthly; cancel at any time from *Settings*.`,
  },
};
