// A screenshot service wraps navigation errors and rethrows them; the browser process it launched
// is only closed on success and outlives every failed request.
import { launch } from 'corpus-browser';

export async function screenshot(url: string): Promise<Uint8Array> {
  const browser = await launch({ headless: true }); // leak: not closed before rethrowing
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const image = await page.screenshot();
    await browser.close();
    return image;
  } catch (error) {
    throw new Error(`screenshot of ${url} failed`, { cause: error });
  }
}
