// PLACEHOLDER implementation (to be replaced): the API is the contract, the body is naive.
import type { CodeContext, HomePathMatch } from './types.js';

/**
 * Whether a text match found inside JS/TS code is reported, given where it sits: routes given
 * to routers and HTTP clients (`app.get('/home/feed')`, `fetch('/home/x')`) are not.
 */
export function isReportedInCode(_match: HomePathMatch, context: CodeContext): boolean {
  return !(context.container === 'string' && context.argumentIndex === 0 && /(?:^|\.)(?:get|post|fetch)$/u.test(context.callee ?? ''));
}

/** Whether a literal starting with `~/` in this context is a `tilde` finding: an argument of a Node fs, fs/promises, path or child_process API. */
export function isTildePathCall(context: CodeContext): boolean {
  return /^(?:node:)?(?:fs|fs\/promises|path|child_process)$/u.test(context.calleeModule ?? '');
}
