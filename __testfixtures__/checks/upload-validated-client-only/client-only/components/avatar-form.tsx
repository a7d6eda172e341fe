'use client';

export function AvatarForm() {
  async function onChange(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > 2 * 1024 * 1024) {
      alert('Too big');
      return;
    }
    const body = new FormData();
    body.append('file', file);
    await fetch('/api/avatar', { method: 'POST', body });
  }
  return <input type="file" accept="image/png,image/jpeg" onChange={onChange} />;
}
