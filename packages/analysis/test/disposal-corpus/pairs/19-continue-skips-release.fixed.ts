// The fix: the release in finally runs on continue as well.
import type { Pool, RowDataPacket } from 'mysql2/promise';

export async function countOrdersPerShard(shards: readonly Pool[]): Promise<number[]> {
  const counts: number[] = [];
  for (const shard of shards) {
    const connection = await shard.getConnection();
    try {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT count(*) AS n FROM orders');
      const count = Number(rows[0]?.['n'] ?? 0);
      if (count === 0) continue;
      counts.push(count);
    } finally {
      connection.release();
    }
  }
  return counts;
}
