import { useState } from 'react';
import TextareaAutosize from 'react-textarea-autosize';

export function Draft() {
  const [text, setText] = useState('');
  return <TextareaAutosize value={text} onChange={(e) => setText(e.target.value)} /
}
