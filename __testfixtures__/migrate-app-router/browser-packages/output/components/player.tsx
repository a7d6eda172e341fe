import Plyr from 'plyr-react';

export default function Player({ src }: { src: string }) {
  return <Plyr source={{ type: 'video', sources: [{ src }] }} />;
}
