// Stand-in for an ORM whose query runners hold a pooled connection until released.
declare module 'heldout-orm' {
  export interface QueryRunner {
    readonly isReleased: boolean;
    query<T = Record<string, unknown>>(sql: string, parameters?: readonly unknown[]): Promise<T[]>;
    release(): Promise<void>;
  }
  export class DataSource {
    constructor(options: { readonly url: string });
    createQueryRunner(): QueryRunner;
  }
}
