import OpenAI from 'openai';
import { retryAsync } from './helpers';

const openai = new OpenAI();

export const newThread = () => retryAsync(() => openai.beta.threads.create());

export const embed = (input: string) => openai.embeddings.create({ model: 'text-embedding-3-small', input });
