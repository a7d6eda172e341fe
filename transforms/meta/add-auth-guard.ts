import type { TransformMeta } from '../../src/engine/transform-types.ts';

export const meta: TransformMeta = {
  id: 'add-auth-guard',
  title: 'Check who is calling at the top of unguarded routes and server actions',
  description:
    "Inserts the app's own session check at the top of each route handler, API route and server action that writes data or spends a paid credential without one: the project's helper (`getCurrentUser()`) when it has one, else its library's (Clerk `auth()`, Auth.js `auth()`, next-auth `getServerSession`, Supabase `auth.getUser()`). Without a user it answers 401, or throws in a server action. An auth call whose result was ignored gets the missing condition instead. With no auth library it leaves a TODO. Requests without a session start failing, so it needs review.",
  safe: false,
  prefilter: ['export'],
  projectOptions: async (project) => (await import('../../src/analysis/auth/idiom-detect.ts')).authAnswers(project),
};
