export function sign(body: string, key: string) {
  return `${body}.${key.length}`;
}
