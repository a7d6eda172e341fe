'use client';

import OpenAI from 'openai';

const openai = new OpenAI({ dangerouslyAllowBrowser: true });

export function ask(question: string) {
  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
}
