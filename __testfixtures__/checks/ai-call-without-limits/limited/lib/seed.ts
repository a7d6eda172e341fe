import OpenAI from 'openai';

const openai = new OpenAI();

export async function seedDescriptions(names: string[]) {
  for (const name of names) {
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: name }] });
  }
}
