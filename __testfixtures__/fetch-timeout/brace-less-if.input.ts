export async function refresh(force: boolean) {
  if (force)
    await fetch('https://api.example.com/refresh', { method: 'POST' });
  else await fetch('https://api.example.com/ping');
}
