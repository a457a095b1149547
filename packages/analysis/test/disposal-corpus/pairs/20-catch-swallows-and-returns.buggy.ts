// Optional settings: a file that is not valid JSON yields undefined, and the handle opened to
// read it is left open.
import { open } from 'node:fs/promises';

export interface Settings {
  readonly theme?: string;
}

export async function loadSettings(path: string): Promise<Settings | undefined> {
  const handle = await open(path, 'r'); // leak: the catch swallows the error and returns without closing
  try {
    const text = await handle.readFile('utf8');
    await handle.close();
    return JSON.parse(text) as Settings;
  } catch {
    return undefined;
  }
}
