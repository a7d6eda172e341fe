export { Shell } from './Shell';
export { useToggle } from '../lib/useToggle';
