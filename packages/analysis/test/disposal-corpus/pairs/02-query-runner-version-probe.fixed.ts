// The fix: release the runner in finally.
import type { DataSource } from 'corpus-orm';

export async function serverVersion(dataSource: DataSource): Promise<string> {
  const runner = dataSource.createQueryRunner();
  try {
    const rows = await runner.query('SELECT version() AS version');
    return String(rows[0]?.['version'] ?? 'unknown');
  } finally {
    await runner.release();
  }
}
