// The fix: `await using` ends the session on every way out.
import { connect } from 'corpus-sftp';

export async function downloadNewest(host: string, folder: string): Promise<Uint8Array | undefined> {
  await using session = await connect({ host, username: 'sync' });
  const names = await session.list(folder);
  if (names.length === 0) {
    return undefined;
  }
  const newest = [...names].sort().at(-1) ?? names[0];
  return await session.get(`${folder}/${newest}`);
}
