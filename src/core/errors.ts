/**
 * Typed errors with stable codes. Every layer throws these; the HTTP layer maps
 * them to the error envelope `{ error: { code, message, problems } }` and the CLI prints
 * the message without a stack trace. An error raised for a person carries its problems
 * (message keys of core/messages.ts with parameters), rendered in the caller's language
 * (ADR 0220); its own `message` is the English rendering, for logs and the command line.
 */
import type { ErrorCode } from './error-codes.ts';
import { codeOfMessage, renderProblems, type Params, type Problem, type ServerMessageKey } from './messages.ts';

export { errorCodes, type ErrorCode } from './error-codes.ts';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** What went wrong in words of the catalogue; empty for a message written for the command line only. */
  readonly problems: readonly Problem[];
  constructor(code: ErrorCode, message: string, details?: unknown, problems: readonly Problem[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.problems = problems;
  }
}

interface FailureOptions {
  readonly code?: ErrorCode;
  readonly details?: unknown;
  /** The English message for logs and the command line, when it says more there (a command's options) than the problems. */
  readonly message?: string;
}

/**
 * The error of one or more problems: its code is the first problem's unless given, its
 * message the English text.
 */
export const failure = (problems: Problem | readonly Problem[], o: FailureOptions = {}): AppError => {
  const list: readonly Problem[] = Array.isArray(problems) ? problems : [problems as Problem];
  const first = list[0];
  const code = o.code ?? (first ? codeOfMessage(first.key) : 'bad-request');
  return new AppError(code, o.message ?? renderProblems(list, 'en'), o.details, list);
};

/** Shorthand for one problem. */
export const fail = (key: ServerMessageKey, params?: Params, o: FailureOptions = {}): AppError =>
  failure(params ? { key, params } : { key }, o);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
