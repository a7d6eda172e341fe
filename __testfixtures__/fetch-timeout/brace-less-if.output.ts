export async function refresh(force: boolean) {
  // TODO(shipshape): check response.ok before reading the body
  if (force)
    await fetch('https://api.example.com/refresh', { method: 'POST', signal: AbortSignal.timeout(10000) });
  else await fetch('https://api.example.com/ping', { signal: AbortSignal.timeout(10000) });
}
