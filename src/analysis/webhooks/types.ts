import type { Node } from '@babel/types';
import type { RequestHandler } from '../request-handlers.ts';
import type { BodyRead } from './body.ts';
import type { Provider } from './providers.ts';
import type { Verification, VerificationFault } from './verification.ts';

/** What `webhookOf` reads of a request handler. */
export type WebhookHandlerInput = Pick<RequestHandler, 'fn' | 'kind' | 'route' | 'request'>;

export interface Webhook {
  provider: Provider;
  verification: 'verified' | 'broken' | 'none';
  /** The binding that holds the event: the verified event, or the parsed body of an unverified one. */
  event: string | null;
  /** Why a verification cannot work or stops nothing; empty unless `verification` is `broken`. */
  faults: VerificationFault[];
  /** The verifying call, when there is one. */
  verifier: Verification | null;
  /** Where the handler reads the request body. */
  bodies: BodyRead[];
  /** The env variable the signing secret is read from, else the provider's usual name. */
  secret: { name: string; read: boolean };
  /** Why the handler is taken for a webhook: the first sign found. */
  evidence: Node;
  pagesRouter: boolean;
  /** The code the handler runs in its own module (its function and the module's helpers it calls). */
  code: Node[];
}
