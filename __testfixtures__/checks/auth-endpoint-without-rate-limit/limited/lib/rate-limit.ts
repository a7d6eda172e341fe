export async function rateLimit(_req: Request): Promise<Response | null> {
  return null;
}
