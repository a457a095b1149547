// A version probe at start-up takes a query runner (a pooled connection) to ask the server its
// version and never gives it back; each probe holds one more connection.
import type { DataSource } from 'corpus-orm';

export async function serverVersion(dataSource: DataSource): Promise<string> {
  const runner = dataSource.createQueryRunner(); // leak: never released
  const rows = await runner.query('SELECT version() AS version');
  return String(rows[0]?.['version'] ?? 'unknown');
}
