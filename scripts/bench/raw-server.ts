/**
 * Child process of `npm run bench`: the baseline. A minimal node:http + pg
 * server that answers the librarian's list (`/books`) and the member's
 * (`/books?as=member`) with the same two statements the app sends (25 rows of
 * the organization ordered by title, and the count), run on one pg.Pool.
 * `&rows=only` answers what the REST API's list sends instead: the page alone
 * (26 rows: one past the page tells whether there is a next), no count.
 * `/kanban?project=<id>` answers the task board's raw counterpart (scripts/bench/kanban.ts): the
 * project's states in order and its items with the card's fields, two statements, no rules.
 * Env: BENCH_DATABASE_URL, BENCH_ORG_ID, BENCH_MEMBER_CATEGORIES (JSON array).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { answerParent } from './statements.js';

const { BENCH_DATABASE_URL: url, BENCH_ORG_ID: organizationId, BENCH_MEMBER_CATEGORIES: categoriesJson } = process.env;
if (!url || !organizationId || !categoriesJson) throw new Error('BENCH_DATABASE_URL, BENCH_ORG_ID and BENCH_MEMBER_CATEGORIES are required');
const categories = JSON.parse(categoriesJson) as string[];

const pool = new pg.Pool({ connectionString: url, max: 10 });

// The column list, order and LIMIT of the app's own query for a librarian (see core/data/query.ts).
const COLUMNS = `r."id", r."created_at", r."updated_at", r."created_by", r."updated_by", r."version", r."title" AS "title", r."isbn" AS "isbn", r."authors" AS "authors", r."category" AS "category", r."published_year" AS "published_year", r."shelf" AS "shelf", r."copies_total" AS "copies_total", r."copies_available" AS "copies_available", r."acquisition_price" AS "acquisition_price"`;
const LIBRARIAN = {
  rows: `SELECT ${COLUMNS} FROM "library_book" r WHERE r.organization_id = $1 ORDER BY r."title" ASC, r."id" ASC LIMIT 25 OFFSET 0`,
  count: `SELECT count(*)::int AS n FROM "library_book" r WHERE r.organization_id = $1`,
};
const MEMBER = {
  rows: `SELECT ${COLUMNS} FROM "library_book" r WHERE r.organization_id = $1 AND r."category" = ANY($2) ORDER BY r."title" ASC, r."id" ASC LIMIT 25 OFFSET 0`,
  count: `SELECT count(*)::int AS n FROM "library_book" r WHERE r.organization_id = $1 AND r."category" = ANY($2)`,
};

const KANBAN = {
  states: `SELECT s."id", s."name", s."group", s."order" FROM "task_state" s WHERE s.organization_id = $1 AND s."project_id" = $2 ORDER BY s."order" ASC, s."id" ASC`,
  items: `SELECT r."id", r."version", r."number", r."title", r."state_id", r."priority", r."due_date" FROM "task_work_item" r WHERE r.organization_id = $1 AND r."project_id" = $2 ORDER BY r."created_at" ASC, r."id" ASC`,
};

function kanban(project: string, res: ServerResponse): void {
  Promise.all([pool.query(KANBAN.states, [organizationId, project]), pool.query(KANBAN.items, [organizationId, project])]).then(
    ([states, items]) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ columns: states.rows, cards: items.rows }));
    },
    (err: Error) => {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: err.message }));
    },
  );
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/kanban') {
    kanban(url.searchParams.get('project') ?? '', res);
    return;
  }
  if (url.pathname !== '/books') {
    res.writeHead(404).end();
    return;
  }
  const member = url.searchParams.get('as') === 'member';
  const sql = member ? MEMBER : LIBRARIAN;
  const params = member ? [organizationId, categories] : [organizationId];
  if (url.searchParams.get('rows') === 'only') {
    pool.query(sql.rows.replace('LIMIT 25 OFFSET 0', 'LIMIT 26'), params).then(
      (rows) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ data: rows.rows.slice(0, 25), more: rows.rows.length > 25 }));
      },
      (err: Error) => {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: err.message }));
      },
    );
    return;
  }
  Promise.all([pool.query(sql.rows, params), pool.query<{ n: number }>(sql.count, params)]).then(
    ([rows, count]) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ records: rows.rows, total: count.rows[0].n }));
    },
    (err: Error) => {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: err.message }));
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));

answerParent(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await pool.end();
});
process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
