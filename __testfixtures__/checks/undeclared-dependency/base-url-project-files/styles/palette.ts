export const palette = { ink: '#111' };
