'use client';
import OpenAI from 'openai';
import { useState } from 'react';

const openai = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY, dangerouslyAllowBrowser: true });

export default function ChatPage() {
  const [answer, setAnswer] = useState('');

  async function ask(question: string) {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      max_tokens: 500,
      messages: [{ role: 'user', content: question.slice(0, 2000) }],
    });
    setAnswer(completion.choices[0]?.message.content ?? '');
  }

  return <button onClick={() => ask('What is RLS?')}>{answer}</button>;
}
