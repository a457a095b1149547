// The user-declared pair (createQueryRunner → release) released on every path.
import type { DataSource } from 'corpus-orm';

export async function renameColumn(dataSource: DataSource, table: string, from: string, to: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`ALTER TABLE ${table} RENAME COLUMN ${from} TO ${to}`);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}
