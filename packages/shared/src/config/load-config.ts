// Reads environment variables through a zod schema once: typed, validated, frozen; errors name the variable.
import type { z } from 'zod';
import { ConfigError } from '../errors/index.ts';

/** The environment shape accepted by {@link loadConfig}; `process.env` fits. */
export type Env = Record<string, string | undefined>;

/**
 * Validate `env` against `schema`, whose keys are the variable names (`DATABASE_URL`, ...).
 * Empty strings count as unset, so `FOO=` in a settings file falls back to the default.
 * Throws {@link ConfigError} naming the first invalid variable and what it expects.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any object schema, whatever its shape
export function loadConfig<S extends z.ZodObject<any>>(
  schema: S,
  env: Env = process.env,
): Readonly<z.infer<S>> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue && issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
    const unset = !(variable in cleaned);
    const message = issue?.message ?? 'invalid value';
    const others = [
      ...new Set(result.error.issues.slice(1).map((i) => String(i.path[0] ?? '(environment)'))),
    ].filter((v) => v !== variable);
    const expected =
      (unset ? `it is not set (${message})` : message) +
      (others.length > 0 ? `; also invalid: ${others.join(', ')}` : '');
    throw new ConfigError(variable, expected, result.error);
  }
  return Object.freeze(result.data) as Readonly<z.infer<S>>;
}
