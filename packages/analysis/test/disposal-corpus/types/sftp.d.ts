// Stands in for a file-transfer client: a session is a socket, ended by end() or `await using`.
declare module 'corpus-sftp' {
  export interface SftpSession {
    readonly connected: boolean;
    list(directory: string): Promise<string[]>;
    get(path: string): Promise<Uint8Array>;
    end(): Promise<void>;
    [Symbol.asyncDispose](): Promise<void>;
  }
  export interface ConnectOptions {
    readonly host: string;
    readonly port?: number;
    readonly username: string;
  }
  export function connect(options: ConnectOptions): Promise<SftpSession>;
}
