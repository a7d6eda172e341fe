import { UsageError } from '../errors.ts';
import type { AnswerValue, Answers, Question, Transform } from './transform-types.ts';

/** What a question accepts, in words: `a whole number from 1 to 10000`. */
export function describeAnswer(question: Question): string {
  if (question.type === 'boolean') return 'true or false';
  if (question.choices) return `one of ${question.choices.map((c) => `"${c.value}"`).join(', ')}`;
  if (question.type === 'string') return 'a string';
  const kind = question.integer ? 'a whole number' : 'a number';
  if (question.min !== undefined && question.max !== undefined) return `${kind} from ${question.min} to ${question.max}`;
  if (question.min !== undefined) return `${kind} of at least ${question.min}`;
  if (question.max !== undefined) return `${kind} of at most ${question.max}`;
  return kind;
}

/** Why an answer is not one the question accepts, or null when it is. */
export function answerProblem(question: Question, value: AnswerValue): string | null {
  const fits =
    question.type === 'number'
      ? typeof value === 'number' &&
        Number.isFinite(value) &&
        (!question.integer || Number.isInteger(value)) &&
        (question.min === undefined || value >= question.min) &&
        (question.max === undefined || value <= question.max)
      : question.type === 'boolean'
        ? typeof value === 'boolean'
        : typeof value === 'string' && (!question.choices || question.choices.some((choice) => choice.value === value));
  return fits ? null : `must be ${describeAnswer(question)}`;
}

const TRUE_WORDS = ['true', 'yes', '1'];
const FALSE_WORDS = ['false', 'no', '0'];

/** An answer typed as text (`--option`) or read from the config, checked against its question; `source` names where it came from. */
export function coerce(question: Question, raw: AnswerValue, source: string): AnswerValue {
  let value: AnswerValue = raw;
  if (typeof raw === 'string' && question.type === 'number' && raw.trim() !== '') value = Number(raw);
  if (typeof raw === 'string' && question.type === 'boolean') {
    const word = raw.toLowerCase();
    if (TRUE_WORDS.includes(word)) value = true;
    else if (FALSE_WORDS.includes(word)) value = false;
  }
  const problem = answerProblem(question, value);
  if (problem)
    throw new UsageError(`${source} ${problem}, got ${JSON.stringify(raw)}`, `for example --option ${question.name}=${question.default}`);
  return value;
}

/** The questions scripts may answer with `--option` (the wizard alone asks the others). */
export function optionQuestions(transforms: readonly Transform[]): Question[] {
  return transforms.flatMap((transform) => transform.meta.questions ?? []).filter((question) => !question.wizardOnly);
}

/** Each question's answer: `--option` first, then the config's answers, then the question's default. */
export function resolveAnswers(transform: Transform, cliOptions: Answers, configAnswers: Answers): Answers {
  const answers: Answers = { ...cliOptions };
  for (const question of transform.meta.questions ?? []) {
    if (question.wizardOnly) answers[question.name] = question.default;
    else if (question.name in cliOptions)
      answers[question.name] = coerce(question, cliOptions[question.name]!, `--option ${question.name}`);
    else if (question.name in configAnswers)
      answers[question.name] = coerce(question, configAnswers[question.name]!, `answers.${question.name} in the configuration`);
    else answers[question.name] = question.default;
  }
  return answers;
}
