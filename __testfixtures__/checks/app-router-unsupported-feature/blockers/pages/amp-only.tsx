import { useAmp } from 'next/amp';

export default function AmpOnly() {
  return <p>{useAmp() ? 'amp' : 'html'}</p>;
}
