/**
 * A declared report's page: its filters (from the report's declared filter fields), an optional
 * chart (the dashboard's chart component), the table, and CSV / XLSX / PDF download links, all read
 * for the signed-in user from <root>/x/reports (core/admin/reports/routes.ts).
 */
import React, { useEffect, useState } from 'react';
import { ApiClient, useTranslation } from 'adminjs';
import { Box, Button, H2, Input, Label, MessageBox, Select, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { DashboardChart } from './dashboard.js';

interface Filter {
  field: string;
  label: string;
  kind: 'value' | 'range';
  options?: { value: string; label: string }[];
}
interface ReportTable {
  id: string;
  label: string;
  description?: string;
  columns: { label: string; kind: 'group' | 'measure'; format?: 'number' | 'money' }[];
  rows: (string | number | null)[][];
  total: number;
  truncated: boolean;
  filters: Filter[];
  chart?: { chart: 'bar' | 'line' | 'pie'; labels: string[]; values: number[]; measure: { label: string; currency?: string } };
  currency: string;
  /** The viewer's Intl locale (bn-BD: Bengali digits), as the server wrote the group labels in. */
  locale: string;
  /** Rows a download carries at once; a larger report is made in the background. */
  downloadLimit: number;
}
interface RunState {
  status: 'queued' | 'running' | 'done' | 'failed';
  error: string | null;
  statusUrl: string;
  fileUrl: string | null;
}

/** A report over the download limit: made by the report job, polled here until its file is ready (the bell says so too). */
const BackgroundRun: React.FC<{ start: (format: string) => string }> = ({ start }) => {
  const [run, setRun] = useState<RunState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!run || run.status === 'done' || run.status === 'failed') return undefined;
    const timer = setTimeout(() => {
      fetch(run.statusUrl, { headers: { accept: 'application/json' } })
        .then(async (res) => (res.ok ? setRun((await res.json()) as RunState) : setProblem(`The status could not be read (${res.status}).`)))
        .catch((err: Error) => setProblem(err.message));
    }, 3000);
    return () => clearTimeout(timer);
  }, [run]);
  const go = (format: string) => {
    setProblem(null);
    fetch(start(format), { method: 'POST', headers: { accept: 'application/json' } })
      .then(async (res) => {
        const body = await res.json();
        if (!res.ok) throw new Error(body.error?.message ?? `The report could not be started (${res.status}).`);
        setRun(body as RunState);
      })
      .catch((err: Error) => setProblem(err.message));
  };
  return (
    <Box mt="md">
      <Text>Too large to download at once. Make it in the background: {['csv', 'xlsx', 'pdf'].map((f) => <Button key={f} size="sm" variant="outlined" mr="sm" onClick={() => go(f)}>{f.toUpperCase()}</Button>)}</Text>
      {run ? (
        <Text mt="sm">
          {run.status === 'done' && run.fileUrl ? <a href={run.fileUrl}>Your file is ready: download it</a>
            : run.status === 'failed' ? `It could not be made: ${run.error ?? ''}`
            : `Working (${run.status})… you will also get a notification when it is ready.`}
        </Text>
      ) : null}
      {problem ? <MessageBox variant="danger" message={problem} mt="sm" /> : null}
    </Box>
  );
};

const api = new ApiClient();
const ROOT = '/admin/x/reports';

const ReportPage: React.FC = () => {
  // The page's own words (components.ReportPage in core/admin/locale-bn.ts); the report's come translated from the server.
  const { t } = useTranslation();
  const word = (key: string, english: string, vars: Record<string, string> = {}): string => t(`components.ReportPage.${key}`, { defaultValue: english, ...vars });
  const pageName = window.location.pathname.split('/').pop() ?? '';
  const [id, setId] = useState<string | null>(null);
  const [denied, setDenied] = useState(false);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState<Record<string, string>>({});
  const [table, setTable] = useState<ReportTable | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.getPage({ pageName }).then((res) => {
      const data = res.data as { id: string; allowed: boolean };
      if (!data.allowed) setDenied(true);
      else setId(data.id);
    });
  }, [pageName]);

  const query = new URLSearchParams(Object.entries(applied).filter(([, v]) => v !== '').map(([k, v]) => [`filters.${k}`, v])).toString();
  useEffect(() => {
    if (!id) return;
    fetch(`${ROOT}/${encodeURIComponent(id)}${query ? `?${query}` : ''}`, { headers: { accept: 'application/json' } })
      .then(async (res) => {
        const body = await res.json();
        if (!res.ok) throw new Error(body.message ?? `The report could not be read (${res.status}).`);
        setError(null);
        setTable(body as ReportTable);
      })
      .catch((err: Error) => setError(err.message));
  }, [id, query]);

  if (denied) return <MessageBox variant="danger" message={word('denied', 'This report is not available to you.')} />;
  if (!table) return error ? <MessageBox variant="danger" message={error} /> : <Text>{word('loading', 'Loading…')}</Text>;
  // The viewer's locale, as the server formatted the group labels with (bn-BD: Bengali digits).
  const number = new Intl.NumberFormat(table.locale, { maximumFractionDigits: 2 });
  const money = new Intl.NumberFormat(table.locale, { style: 'currency', currency: table.currency, minimumFractionDigits: 2 });
  const cell = (value: string | number | null, i: number): string =>
    value === null ? '—' : typeof value === 'number' ? (table.columns[i].format === 'money' ? money : number).format(value) : value;
  const set = (key: string, value: string) => setChoice({ ...choice, [key]: value });
  const download = (format: string) => `${ROOT}/${encodeURIComponent(table.id)}/download.${format}${query ? `?${query}` : ''}`;
  const background = (format: string) => `${ROOT}/${encodeURIComponent(table.id)}/runs.${format}${query ? `?${query}` : ''}`;

  return (
    <Box variant="grey">
      <Box variant="white">
        <H2>{table.label}</H2>
        {table.description ? <Text mb="lg">{table.description}</Text> : null}
        {table.filters.length ? (
          <Box flex flexDirection="row" flexWrap="wrap" alignItems="flex-end" mb="lg">
            {table.filters.map((f) => (
              <Box key={f.field} mr="lg" mb="md">
                <Label>{f.label}</Label>
                {f.options ? (
                  <Select
                    isClearable
                    value={f.options.find((o) => o.value === choice[f.field]) ?? null}
                    options={f.options}
                    onChange={(o: { value: string } | null) => set(f.field, o?.value ?? '')}
                  />
                ) : f.kind === 'range' ? (
                  <Box flex flexDirection="row">
                    <Input type="date" placeholder="from" value={choice[`${f.field}.from`] ?? ''} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(`${f.field}.from`, e.target.value)} />
                    <Input type="date" placeholder="to" ml="sm" value={choice[`${f.field}.to`] ?? ''} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(`${f.field}.to`, e.target.value)} />
                  </Box>
                ) : (
                  <Input value={choice[f.field] ?? ''} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(f.field, e.target.value)} />
                )}
              </Box>
            ))}
            <Button mb="md" onClick={() => setApplied(choice)}>{word('apply', 'Apply')}</Button>
          </Box>
        ) : null}
        {error ? <MessageBox variant="danger" message={error} mb="lg" /> : null}
        {table.chart && table.rows.length ? <Box mb="xl"><DashboardChart data={table.chart} locale={table.locale} /></Box> : null}
        <Box mb="lg">
          {table.total > table.downloadLimit ? (
            <Text>{word('showing', 'Showing {{shown}} of {{total}} rows.', { shown: number.format(table.rows.length), total: number.format(table.total) })}</Text>
          ) : (
            <Text>
              {word('download', 'Download')}: <a href={download('csv')}>CSV</a> · <a href={download('xlsx')}>XLSX</a> · <a href={download('pdf')}>PDF</a>
              {table.truncated ? ` — ${word('truncated', 'showing {{shown}} of {{total}} rows; the downloads hold them all.', { shown: number.format(table.rows.length), total: number.format(table.total) })}` : ''}
            </Text>
          )}
          {table.total > table.downloadLimit ? <BackgroundRun start={background} /> : null}
        </Box>
        <Table>
          <TableHead>
            <TableRow>
              {table.columns.map((c) => (
                <TableCell key={c.label} style={{ textAlign: c.kind === 'measure' ? 'right' : 'left' }}>{c.label}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.map((row, ri) => (
              <TableRow key={ri}>
                {row.map((v, i) => (
                  <TableCell key={i} style={{ textAlign: table.columns[i].kind === 'measure' ? 'right' : 'left' }}>{cell(v, i)}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {!table.rows.length ? <Text mt="lg">{word('empty', 'No rows.')}</Text> : null}
      </Box>
    </Box>
  );
};

export default ReportPage;
