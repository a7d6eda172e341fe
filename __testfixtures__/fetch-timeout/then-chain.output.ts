export function rates() {
  // TODO(shipshape): check response.ok before reading the body
  return fetch('https://open.er-api.com/v6/latest/USD', { signal: AbortSignal.timeout(10000) }).then((r) => r.json());
}
