'use server';

import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function writeStory(idea: string, modelId: string) {
  const { text } = await generateText({
    model: openai(modelId),
    prompt: `Write a short story about ${idea}`,
  });
  return text;
}
