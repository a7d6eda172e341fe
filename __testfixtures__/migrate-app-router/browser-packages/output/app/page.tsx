'use client';

import { useState } from 'react';
import Player from '../components/player';

export default function Watch() {
  const [src] = useState('/intro.mp4');
  return <Player src={src} />;
}
