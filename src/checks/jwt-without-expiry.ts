import { defineCheck } from './define.ts';
import { meta as fix } from '../../transforms/meta/add-jwt-expiry.ts';
import { unexpiringJwts } from '../analysis/jwt-calls.ts';

export default defineCheck({
  meta: {
    id: 'jwt-without-expiry',
    title: 'JWT signed without an expiry',
    severity: 'medium',
    category: 'auth',
    messages: {
      jsonwebtokenSign: '`jwt.sign` without `expiresIn` or an `exp` claim: this token is valid forever.',
      joseSignJwt: '`new SignJWT(…)` without `.setExpirationTime(…)` or an `exp` claim: this token is valid forever.',
    },
    docs: 'A JWT without an `exp` claim is accepted for as long as its signing key lives: a token copied from a log, a browser or a leaked backup opens the account forever, and signing out does not end it. Give every token a lifetime (`expiresIn` in `jsonwebtoken`, `.setExpirationTime()` in `jose`), and refresh short-lived tokens rather than minting eternal ones.',
    prefilter: fix.prefilter,
    fix: fix.id,
    finds:
      'a `jsonwebtoken` `sign(payload, secret, options?)` whose options have no `expiresIn` and whose payload has no `exp`, and a `jose` `new SignJWT(payload)…sign(key)` chain without `.setExpirationTime(…)` and no `exp` in the payload. The library is followed through its import: a default, namespace or named import, or `require`. Options or a payload that a spread or an unknown value may fill are left alone',
    sources: [
      {
        title: 'jsonwebtoken: jwt.sign options',
        url: 'https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback',
      },
      { title: 'jose: SignJWT.setExpirationTime', url: 'https://github.com/panva/jose/blob/main/docs/jwt/sign/classes/SignJWT.md' },
      { title: 'RFC 7519: the "exp" claim', url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4' },
      {
        title: 'OWASP: JSON Web Token cheat sheet',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
      },
    ],
  },
  check(ctx) {
    return {
      Program(program) {
        for (const jwt of unexpiringJwts(program, ctx.file.text))
          ctx.report({ node: jwt.call, messageId: jwt.library === 'jose' ? 'joseSignJwt' : 'jsonwebtokenSign' });
      },
    };
  },
});
