// GET /api/session: who is signed in; no password is checked here.
export async function GET() {
  return Response.json({ user: null });
}
