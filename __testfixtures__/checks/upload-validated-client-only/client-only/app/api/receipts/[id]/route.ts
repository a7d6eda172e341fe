import { put } from '@vercel/blob';

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const form = await req.formData();
  const receipt = form.get('receipt') as File;
  if (receipt.size > 4 * 1024 * 1024) return Response.json({ error: 'Too large' }, { status: 413 });
  const blob = await put(`receipts/${id}/${receipt.name}`, receipt, { access: 'public' });
  return Response.json(blob);
}
