// Which URL a candidate sits in, read forward through the text once per scan: the look-back of
// every candidate ends where the previous one's began, so a scan stays linear in the text.

/**
 * Schemes whose path is a URL path on a web server, never a directory on any machine: `http`,
 * `https` and their WebSocket twins `ws`, `wss` (same authority and path rules). Not `ftp`,
 * `sftp`, `ssh`, `unix`, `sqlite`, `webpack`, `vscode-remote` ...: their path is a path in a file
 * system (often the remote user's home), so a home directory there is reported.
 */
export const WEB_URL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'ws', 'wss']);

// Delimiters of the token a URL check looks back through: `https://host/x?next=/home/ana` is one
// token, `"https://host" "/home/ana"` two. Not `[`/`]`: IPv6 hosts (`http://[::1]/home/x`).
const TOKEN_DELIMITER = /[\s'"`<>(){}|,;]/u;
const SCHEME_CHAR = /[A-Za-z0-9+.-]/u;

/**
 * The URL state of one text, queried at candidate offsets that never decrease (as
 * scanBuiltInForms finds them). A query at a smaller offset than the last restarts from the top:
 * still correct, only slower.
 */
export class UrlContext {
  /** Characters examined so far, for tests that check the scan stays linear in the text. */
  charsRead = 0;
  private readonly text: string;
  /** Everything before this offset has been read. */
  private scanned = 0;
  private tokenStart = 0;
  /** The first `://` at or after the last one handled; -1 when there is none left. */
  private nextSeparator: number | undefined;
  /** A web URL with a host opened earlier in the current token. */
  private inWebUrl = false;
  /** The `:` of the last `://` in the current token, or -1. */
  private separator = -1;
  /** The first `/` or `\` after that `://` and its authority, once known, else -1. */
  private authorityEnd = -1;

  constructor(text: string) {
    this.text = text;
  }

  /** Whether the candidate at `start` sits in an http(s) or ws(s) URL with a host, earlier in its token (its path, query or fragment). */
  insideWebUrl(start: number): boolean {
    this.advance(start);
    return this.inWebUrl;
  }

  /**
   * Whether `start` (a `/` or `\`) is where the path of a non-web `scheme://authority` URL
   * begins, possibly after one more `/`: `unix:///Users/<name>`, `sqlite:////home/<name>`,
   * `vscode-remote://ssh-remote+box/home/<name>`, `webpack://app//home/<name>`.
   */
  beginsUrlPath(start: number): boolean {
    this.advance(start);
    if (this.separator === -1 || this.inWebUrl) return false;
    if (this.authorityEnd === -1) {
      let i = this.separator + 3;
      while (i < start && this.text[i] !== '/' && this.text[i] !== '\\') i++;
      this.charsRead += i - this.separator - 3;
      this.authorityEnd = i;
    }
    const end = this.authorityEnd;
    return start === end || (start === end + 1 && this.text[end] === '/');
  }

  private advance(start: number): void {
    if (start < this.scanned) this.restart();
    const text = this.text;
    // The token holding `start` begins after the last delimiter before it; what lies between
    // the previous query and that delimiter belongs to an earlier token and is never read.
    let i = start;
    while (i > this.scanned && !TOKEN_DELIMITER.test(text[i - 1] as string)) i--;
    this.charsRead += start - i;
    if (i > this.scanned) {
      this.tokenStart = i;
      this.inWebUrl = false;
      this.separator = -1;
      this.authorityEnd = -1;
    }
    this.nextSeparator ??= this.find(0);
    // A `://` counts once its three characters lie before `start`.
    while (this.nextSeparator !== -1 && this.nextSeparator + 3 <= start) {
      const at = this.nextSeparator;
      if (at >= this.tokenStart) this.openUrl(at);
      this.nextSeparator = this.find(at + 1);
    }
    this.scanned = start;
  }

  private openUrl(at: number): void {
    let schemeStart = at;
    while (schemeStart > this.tokenStart && SCHEME_CHAR.test(this.text[schemeStart - 1] as string)) schemeStart--;
    this.charsRead += at - schemeStart;
    const host = this.text[at + 3];
    const hasHost = host !== undefined && host !== '/' && host !== '\\' && !TOKEN_DELIMITER.test(host);
    if (hasHost && WEB_URL_SCHEMES.has(this.text.slice(schemeStart, at).toLowerCase())) this.inWebUrl = true;
    this.separator = at;
    this.authorityEnd = -1;
  }

  private find(from: number): number {
    const at = this.text.indexOf('://', from);
    this.charsRead += (at === -1 ? this.text.length : at) - from;
    return at;
  }

  private restart(): void {
    this.scanned = 0;
    this.tokenStart = 0;
    this.nextSeparator = undefined;
    this.inWebUrl = false;
    this.separator = -1;
    this.authorityEnd = -1;
  }
}
