// Reading the JSON files a user writes by hand (the config, a baseline), with errors that name
// the file, the line and the column: V8's JSON.parse messages give no position for some errors
// and quote the whole input for others.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { ScanInputError } from './errors.js';
import { describeError, errorCode } from './errors.js';

type InputErrorClass = new (message: string, options?: { file?: string; cause?: unknown }) => ScanInputError;

/**
 * Reads and parses `file`, ignoring a leading UTF-8 byte order mark (which Windows editors
 * write and JSON.parse rejects); any failure becomes `ErrorClass` with a message starting with `name`.
 */
export function readJsonFile(file: string, name: string, ErrorClass: InputErrorClass, missingHint = ''): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = errorCode(error) === 'ENOENT' ? `no such file${missingHint}` : describeError(error);
    throw new ErrorClass(`${name}: ${reason}`, { file, cause: error });
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const at = locateJsonError(text);
    const where = at === undefined ? '' : `:${at.line}:${at.column}`;
    const why = at?.message ?? describeError(error);
    throw new ErrorClass(`${name}${where}: invalid JSON: ${why}`, { file, cause: error });
  }
}

/** `file` relative to the cwd when it is inside it, else as it is. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** Where strict JSON (RFC 8259) first goes wrong in `text`, with 1-based line and column; undefined when it is valid. */
export function locateJsonError(text: string): { line: number; column: number; message: string } | undefined {
  const checker = new JsonChecker(text);
  try {
    checker.document();
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, message: error.message };
  }
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/uy;

/** A validating recursive-descent reader; it builds nothing, JSON.parse does that. */
class JsonChecker {
  private i = 0;

  constructor(private readonly s: string) {}

  document(): void {
    this.value();
    this.space();
    if (this.i < this.s.length) this.fail('unexpected text after the end of the JSON value');
  }

  private value(): void {
    this.space();
    const c = this.s[this.i];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === 't') this.word('true');
    else if (c === 'f') this.word('false');
    else if (c === 'n') this.word('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (c === undefined) this.fail('unexpected end of input');
    else this.fail(`unexpected ${JSON.stringify(c)}, expected a value`);
  }

  private object(): void {
    this.i++;
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.s[this.i] === '}') this.fail('trailing comma before "}"');
      if (this.s[this.i] !== '"') this.fail('expected a double-quoted property name');
      this.string();
      this.space();
      if (this.s[this.i] !== ':') this.fail('expected ":" after the property name');
      this.i++;
      this.value();
      this.space();
      const c = this.s[this.i];
      this.i++;
      if (c === '}') return;
      if (c !== ',') this.fail('expected "," or "}" after the property value', this.i - 1);
    }
  }

  private array(): void {
    this.i++;
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.s[this.i] === ']') this.fail('trailing comma before "]"');
      this.value();
      this.space();
      const c = this.s[this.i];
      this.i++;
      if (c === ']') return;
      if (c !== ',') this.fail('expected "," or "]" after the array element', this.i - 1);
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated string');
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return;
      }
      if (c < 0x20) this.fail('control character in a string (escape it)');
      if (c === 0x5c) {
        const e = this.s[this.i + 1] ?? '';
        if ('"\\/bfnrt'.includes(e) && e !== '') this.i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/u.test(this.s.slice(this.i + 2, this.i + 6))) this.i += 6;
        else this.fail('invalid escape sequence');
      } else {
        this.i++;
      }
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.i;
    if (!NUMBER.test(this.s)) this.fail('invalid number');
    this.i = NUMBER.lastIndex;
  }

  private word(word: string): void {
    if (!this.s.startsWith(word, this.i)) this.fail(`unexpected ${JSON.stringify(this.s[this.i])}, expected a value`);
    this.i += word.length;
  }

  private space(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return;
      this.i++;
    }
  }

  private fail(message: string, offset = this.i): never {
    // Whatever was expected, running out of text is the clearer story.
    const atEnd = offset >= this.s.length && message !== 'unterminated string';
    throw new JsonSyntaxError(offset, atEnd ? 'unexpected end of input' : message);
  }
}
