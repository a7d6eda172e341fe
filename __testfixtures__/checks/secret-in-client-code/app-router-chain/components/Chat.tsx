import { useState } from 'react';
import { openai } from '../lib/ai';
import { charge } from '../lib/billing';
import type Stripe from 'stripe';

export function Chat() {
  const [answer, setAnswer] = useState('');
  async function ask(question: string) {
    const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
    setAnswer(completion.choices[0]?.message.content ?? '');
    await charge(1);
  }
  return <button onClick={() => ask('hi')}>{answer}</button>;
}
