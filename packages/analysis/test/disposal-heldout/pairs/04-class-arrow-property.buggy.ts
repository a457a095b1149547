// A schema inspector exposes its probe as an arrow-function property so a scheduler can call it
// unbound. The query runner (a declared pair: createQueryRunner → release) goes back to the pool
// only when the version query succeeds.
import type { DataSource } from 'heldout-orm';

export class SchemaInspector {
  constructor(private readonly dataSource: DataSource) {}

  readonly serverVersion = async (): Promise<string> => {
    const runner = this.dataSource.createQueryRunner(); // leak: released only when the version query succeeds
    const rows = await runner.query<{ version: string }>('SELECT version() AS version');
    await runner.release();
    return rows[0]?.version ?? 'unknown';
  };
}
