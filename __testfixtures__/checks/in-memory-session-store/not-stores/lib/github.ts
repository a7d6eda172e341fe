// Installation access tokens, cached until they expire: derived from the app's own key.
const tokenCache = new Map<string, { token: string; expiresAt: number }>();

export async function installationToken(id: string) {
  const cached = tokenCache.get(id);
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  const token = await fetch(`https://api.github.com/app/installations/${id}/access_tokens`, { method: 'POST' }).then((r) => r.json());
  tokenCache.set(id, { token: token.token, expiresAt: Date.parse(token.expires_at) });
  return token.token;
}
