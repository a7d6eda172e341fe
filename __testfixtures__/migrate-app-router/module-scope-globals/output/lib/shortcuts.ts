export const shortcuts = new Map<string, () => void>();

// One listener for the whole app.
if (typeof window !== 'undefined') {
  window.addEventListener('keydown', (event) => {
    shortcuts.get(event.key)?.();
  });
}

export const isMac = navigator.platform.includes('Mac');

export const hasStorage = typeof window !== 'undefined' && window.localStorage !== undefined;

export function savedTheme(): string | null {
  return localStorage.getItem('theme');
}
