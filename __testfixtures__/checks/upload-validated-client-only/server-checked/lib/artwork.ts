const LIMIT = 8 * 1024 * 1024;

export function validateArtwork({ type, bytes }: { type: string; bytes: number }): string | null {
  if (bytes > LIMIT) return 'Artwork is over 8 MB';
  return ['image/png', 'image/tiff'].includes(type) ? null : 'PNG or TIFF only';
}
