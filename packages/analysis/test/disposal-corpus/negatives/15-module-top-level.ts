// Module top-level resources live as long as the process and are out of the rule's scope.
import fs from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { createPool } from 'mysql2/promise';

export const pool = new pg.Pool({ max: 10 });
export const mysql = createPool({ host: 'db.internal', user: 'app', database: 'app' });
const traceFd = fs.openSync('/srv/app/trace.log', 'a');
const server = http.createServer((_request, response) => response.end('ok'));
server.listen(8080);
setInterval(() => fs.writeSync(traceFd, `${Date.now()}\n`), 60_000);
const client = await pool.connect();
await client.query('SELECT 1');
