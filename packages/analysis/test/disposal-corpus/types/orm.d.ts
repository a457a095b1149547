// Stands in for an ORM whose query runner holds a pooled connection until release(). The runner
// is not Disposable: only the user-declared pair in leakguard.corpus.json makes it a resource.
declare module 'corpus-orm' {
  export type Row = Record<string, unknown>;
  export interface QueryRunner {
    readonly isReleased: boolean;
    connect(): Promise<void>;
    query(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
    startTransaction(): Promise<void>;
    commitTransaction(): Promise<void>;
    rollbackTransaction(): Promise<void>;
    release(): Promise<void>;
  }
  export interface DataSource {
    readonly isInitialized: boolean;
    createQueryRunner(): QueryRunner;
    query(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
  }
}
