import type { TransformMeta } from '../../src/engine/transform-types.ts';
import { screened } from '../../src/engine/needles.ts';

/** Text a module that answers an error must contain: the check and the transform skip a file without it. */
export const ERROR_RESPONSE_TEXT = ['catch', 'error'];

const ERROR_ANSWER_TEXT = screened(/\.json\(|\.send\(|\.end\(|Response\(|use server/);

/** An error, and a response or a server action to carry it: the check and the transform parse only such modules. */
export function mayAnswerAnError(text: string): boolean {
  return ERROR_RESPONSE_TEXT.some((word) => text.includes(word)) && ERROR_ANSWER_TEXT.test(text);
}

export const meta: TransformMeta = {
  id: 'hide-error-details',
  title: 'Log errors on the server and answer a generic message',
  description:
    "Replaces the error's message, stack or object in a response with a generic message for the same status (`Internal Server Error` for a 500, the status's own name for others, `Something went wrong` for a server action), keeping the response's keys and status, and logs the error on the server with `console.error` and the route, unless the code logs it already. A message from a validation class the try block throws itself stays, behind an `instanceof` test. A response that is the error object itself gets a TODO: its shape depends on the library that threw it.",
  safe: true,
  prefilter: ERROR_RESPONSE_TEXT,
};
