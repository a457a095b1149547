// A schema inspector exposes its probe as an arrow-function property so a scheduler can call it
// unbound; the query runner is released in finally.
import type { DataSource } from 'heldout-orm';

export class SchemaInspector {
  constructor(private readonly dataSource: DataSource) {}

  readonly serverVersion = async (): Promise<string> => {
    const runner = this.dataSource.createQueryRunner();
    try {
      const rows = await runner.query<{ version: string }>('SELECT version() AS version');
      return rows[0]?.version ?? 'unknown';
    } finally {
      await runner.release();
    }
  };
}
