import { useState } from 'react';
import { openai } from '@/lib/openai';

export function Chat() {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');

  async function ask() {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: question }],
    });
    setAnswer(completion.choices[0]?.message.content ?? '');
  }

  return (
    <div>
      <input value={question} onChange={(event) => setQuestion(event.target.value)} />
      <button onClick={ask}>Ask</button>
      <p>{answer}</p>
    </div>
  );
}
