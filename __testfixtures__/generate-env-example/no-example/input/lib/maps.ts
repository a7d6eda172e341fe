export const key = import.meta.env.VITE_MAPS_KEY;
