// shipshape-ignore undeclared-dependency -- provided by the runtime
import { env } from 'platform-runtime';
import { track } from 'platform-analytics'; // shipshape-ignore undeclared-dependency -- same
export { env, track };
