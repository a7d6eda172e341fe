import { useState } from 'react';
import { createChatCompletion } from '@/app/actions/openai';

export function Chat() {
  const [answer, setAnswer] = useState('');
  const [model] = useState('gpt-4o-mini');

  async function ask(question: string) {
    const completion = await createChatCompletion(model, question);
    setAnswer(completion ?? '');
  }

  return <button onClick={() => ask('What is RLS?')}>{answer}</button>;
}
