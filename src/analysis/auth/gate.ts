import type { Program } from '@babel/types';
import type { Project } from '../../project/types.ts';
import type { RequestHandler } from '../request-handlers.ts';
import { localGate, type AuthUse } from './handler-gate.ts';
import { HelperIndex, moduleHelpers, type ModuleHelpers } from './helpers.ts';
import { MIDDLEWARE_FILE, REJECTS, middlewareFact, middlewareGuards, type MiddlewareFact } from './middleware.ts';
import { publicByActionName, publicByRoute, type PublicReason } from './public-intent.ts';
import { ModuleResolver } from '../module-graph.ts';
import { webhookOf } from '../webhooks/index.ts';

/** One handler, as its own file sees it: what it is and the auth calls it makes. */
export interface HandlerAuthFact {
  type: 'handler';
  file: string;
  line: number;
  column: number;
  kind: RequestHandler['kind'];
  method: string | null;
  route: string | null;
  name: string;
  uses: AuthUse[];
  sharedSecret: boolean;
  wrapper: string | null;
  /** A webhook: public by intent, its signature is `webhook-signature-missing`'s concern. */
  webhook: 'verified' | 'broken' | 'none' | null;
}

interface HelpersFact {
  type: 'helpers';
  file: string;
  helpers: ModuleHelpers;
}
interface MiddlewareFileFact {
  type: 'middleware';
  fact: MiddlewareFact;
}
interface RejecterFact {
  type: 'rejects';
  file: string;
}

export type AuthFacts = HandlerAuthFact | HelpersFact | MiddlewareFileFact | RejecterFact | { type: string };

/**
 * The facts about one module that deciding any handler's gate needs: its auth helpers, and its
 * middleware. `mayCallAuth` as for `localGate`: without one of the words an auth call needs, no
 * function of the module checks a session.
 */
export function collectAuthFacts(
  file: string,
  text: string,
  program: Program,
  mayCallAuth: boolean,
  collect: (fact: AuthFacts) => void,
): void {
  const helpers = mayCallAuth ? moduleHelpers(program) : {};
  if (Object.keys(helpers).length > 0) collect({ type: 'helpers', file, helpers });
  if (MIDDLEWARE_FILE.test(file)) collect({ type: 'middleware', fact: middlewareFact(file, text, program) });
  else if (REJECTS.test(text)) collect({ type: 'rejects', file });
}

/** What a handler's own file says about its gate; `mayCallAuth` as for `localGate`. */
export function gateOf(file: string, handler: RequestHandler, program: Program, mayCallAuth = true): HandlerAuthFact {
  const local = localGate(handler.fn, program, handler.wrappers, mayCallAuth);
  return {
    type: 'handler',
    file,
    line: handler.line,
    column: (handler.fn.loc?.start.column ?? 0) + 1,
    kind: handler.kind,
    method: handler.method,
    route: handler.route,
    name: handler.name,
    uses: local.uses,
    sharedSecret: local.sharedSecret,
    wrapper: local.wrapper,
    webhook: webhookOf(handler, program)?.verification ?? null,
  };
}

export interface GateVerdict {
  gated: boolean;
  /** How: `auth()`, `getCurrentUser` (a project helper), `middleware.ts`, `withAuth`, a shared secret. */
  by: string | null;
  /** The only gate is Supabase `getSession()`, which the server must not trust. */
  untrustedOnly: boolean;
  /** An auth call whose result nothing depends on. */
  ignoredCall: string | null;
  publicReason: PublicReason | null;
}

/** Decides, with every module's facts at hand, whether each handler is gated and by what. */
export function decideGates(project: Project, facts: readonly AuthFacts[]): (handler: HandlerAuthFact) => GateVerdict {
  const helpers = new Map<string, ModuleHelpers>();
  const rejecters = new Set<string>();
  const middlewares: MiddlewareFact[] = [];
  for (const fact of facts) {
    if (fact.type === 'helpers') helpers.set((fact as HelpersFact).file, (fact as HelpersFact).helpers);
    if (fact.type === 'rejects') rejecters.add((fact as RejecterFact).file);
    if (fact.type === 'middleware') middlewares.push((fact as MiddlewareFileFact).fact);
  }
  const index = new HelperIndex(project, helpers);
  const files = new Set(project.files);
  const resolver = new ModuleResolver(project.root, (file) => files.has(file));
  const rejectsThroughImports = (m: MiddlewareFact) =>
    m.imports.some((specifier) => {
      const target = resolver.resolve(m.file, specifier);
      return target !== null && rejecters.has(target.file);
    });

  const judgeUse = (file: string, use: AuthUse): 'trusted' | 'untrusted' | 'none' => {
    if (use.auth.helper) {
      const judged = index.judge(file, use.auth.helper);
      return judged === 'unknown' ? 'trusted' : judged;
    }
    return use.auth.trusted ? 'trusted' : 'untrusted';
  };

  return (handler) => {
    const verdict: GateVerdict = { gated: false, by: null, untrustedOnly: false, ignoredCall: null, publicReason: null };
    if (handler.webhook) return { ...verdict, publicReason: 'webhook' };
    if (handler.wrapper) return { ...verdict, gated: true, by: handler.wrapper };
    if (handler.sharedSecret) return { ...verdict, gated: true, by: 'a shared secret' };
    let untrusted = false;
    for (const use of handler.uses) {
      const judged = judgeUse(handler.file, use);
      if (judged === 'none') continue;
      if (!use.enforced) {
        verdict.ignoredCall ??= use.auth.call;
        continue;
      }
      if (judged === 'trusted') return { ...verdict, gated: true, by: use.auth.call, ignoredCall: null };
      untrusted = true;
    }
    // A server action answers a POST to any page, so only middleware that guards every page guards it.
    const routes = handler.route ? [handler.route] : ['/', '/any-page/any-child'];
    const guard = middlewares.find(
      (m) =>
        (m.dir === '' || handler.file.startsWith(`${m.dir}/`)) &&
        routes.every((route) => middlewareGuards(m, route, rejectsThroughImports(m))),
    );
    if (guard) return { ...verdict, gated: true, by: guard.file };
    if (untrusted) return { ...verdict, untrustedOnly: true, ignoredCall: null };
    return { ...verdict, publicReason: handler.route ? publicByRoute(handler.route) : publicByActionName(handler.name) };
  };
}
