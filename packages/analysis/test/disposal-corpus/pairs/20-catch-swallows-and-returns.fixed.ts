// The fix: close in finally; the catch still turns a bad file into undefined.
import { open } from 'node:fs/promises';

export interface Settings {
  readonly theme?: string;
}

export async function loadSettings(path: string): Promise<Settings | undefined> {
  const handle = await open(path, 'r');
  try {
    return JSON.parse(await handle.readFile('utf8')) as Settings;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
