// A report over shards skips empty shards with continue, past the release at the end of the body.
import type { Pool, RowDataPacket } from 'mysql2/promise';

export async function countOrdersPerShard(shards: readonly Pool[]): Promise<number[]> {
  const counts: number[] = [];
  for (const shard of shards) {
    const connection = await shard.getConnection(); // leak: continue skips the release
    try {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT count(*) AS n FROM orders');
      const count = Number(rows[0]?.['n'] ?? 0);
      if (count === 0) continue;
      counts.push(count);
      connection.release();
    } catch (error) {
      connection.release();
      throw error;
    }
  }
  return counts;
}
