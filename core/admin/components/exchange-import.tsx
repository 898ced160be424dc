/**
 * "Import" on a list: upload one CSV file; all rows are written or none is,
 * and every rejected row is listed with its field errors.
 */
import React, { useState } from 'react';
import type { ActionProps } from 'adminjs';
import { Box, Button, H3, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

interface Report {
  rows: number;
  created: number;
  committed: boolean;
  rejected: { row: number; line: number; errors: Record<string, string> }[];
  ignoredColumns: string[];
}

/** The file input's selection, without the DOM typings (the admin's tsconfig has no DOM lib). */
type PickedFile = Blob & { name: string };

const ImportAction: React.FC<ActionProps> = ({ action }) => {
  const custom = action.custom as { title: string; url: string; fields: { name: string; label: string; required: boolean }[] };
  const [file, setFile] = useState<PickedFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (): Promise<void> => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const res = await fetch(custom.url, { method: 'POST', headers: { 'Content-Type': 'text/csv', Accept: 'application/json' }, body: file, credentials: 'same-origin' });
      const body = (await res.json().catch(() => ({}))) as Report & { error?: { message?: string } };
      if (res.status === 200 || res.status === 422) setReport(body);
      else setError(body.error?.message ?? `The import failed (HTTP ${res.status}).`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="grey" data-testid="ums-import">
      <H3>Import {custom.title.toLowerCase()} from a CSV file</H3>
      <Text mb="default">
        The first row names the columns: {custom.fields.map((f) => `${f.name}${f.required ? ' (required)' : ''}`).join(', ')}. Every row is checked like the create form; if any row is
        rejected, nothing is imported.
      </Text>
      <Box flex flexDirection="row" alignItems="center" mb="lg">
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="ums-import-file"
          onChange={(event) => setFile((event.target as unknown as { files: ArrayLike<PickedFile> }).files[0] ?? null)}
        />
        <Button variant="contained" ml="default" disabled={!file || busy} onClick={() => void upload()} data-testid="ums-import-upload">
          {busy ? 'Importing…' : 'Import'}
        </Button>
      </Box>
      {error && <Text color="error">{error}</Text>}
      {report && report.committed && <Text data-testid="ums-import-done">Imported {report.created} records.</Text>}
      {report && report.ignoredColumns.length > 0 && <Text mb="default">Not imported (set by the system): {report.ignoredColumns.join(', ')}.</Text>}
      {report && !report.committed && (
        <Box data-testid="ums-import-rejected">
          <Text color="error" mb="default">
            Nothing was imported: {report.rejected.length} of {report.rows} rows were rejected.
          </Text>
          <Table>
            <TableHead>
              <TableRow>
                <TableCell>Row</TableCell>
                <TableCell>Line</TableCell>
                <TableCell>Column</TableCell>
                <TableCell>Problem</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.rejected.flatMap((r) =>
                Object.entries(r.errors).map(([field, message]) => (
                  <TableRow key={`${r.line}-${field}`}>
                    <TableCell>{r.row === 0 ? 'header' : r.row}</TableCell>
                    <TableCell>{r.line}</TableCell>
                    <TableCell>{field === '_record' ? '' : field}</TableCell>
                    <TableCell>{message}</TableCell>
                  </TableRow>
                )),
              )}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
};

export default ImportAction;
