export async function onRequestError(error: unknown, request: { path: string }) {
  console.error(request.path, error);
}
