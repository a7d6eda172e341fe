'use server';

import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function writeStory(idea: string, modelId: string) {
  if (String(idea).length > 1000) throw new Error('Input is missing or too long');
  const { text } = await generateText({
    model: openai('gpt-4o-mini'),
    prompt: `Write a short story about ${idea}`,
    maxTokens: 2000,
  });
  return text;
}
