// The fix: close the browser in finally, whatever happened to the page.
import { launch } from 'corpus-browser';

export async function screenshot(url: string): Promise<Uint8Array> {
  const browser = await launch({ headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    return await page.screenshot();
  } catch (error) {
    throw new Error(`screenshot of ${url} failed`, { cause: error });
  } finally {
    await browser.close();
  }
}
