// Stands in for a browser automation library: a browser is a process, closed by close() or by
// `await using`. Pages die with their browser and are not resources of their own here.
declare module 'corpus-browser' {
  export interface Page {
    goto(url: string): Promise<void>;
    title(): Promise<string>;
    screenshot(): Promise<Uint8Array>;
  }
  export interface Browser {
    newPage(): Promise<Page>;
    version(): Promise<string>;
    close(): Promise<void>;
    [Symbol.asyncDispose](): Promise<void>;
  }
  export interface LaunchOptions {
    readonly headless?: boolean;
    readonly args?: readonly string[];
  }
  export function launch(options?: LaunchOptions): Promise<Browser>;
}
