/**
 * A document record action: download the PDF now, or have the documents job
 * prepare it (for large documents) and download it when it is ready.
 */
import React, { useState } from 'react';
import type { ActionProps } from 'adminjs';
import { Box, Button, H3, Text } from '@adminjs/design-system';

interface DocumentState {
  status: 'none' | 'issued' | 'pending' | 'ready' | 'failed';
  number?: string;
  error?: string;
}

const DocumentDownload: React.FC<ActionProps> = ({ action, record }) => {
  const custom = action.custom as { base: string; action: string; label: string };
  const [state, setState] = useState<DocumentState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const base = `${custom.base}/${encodeURIComponent(String(record.id))}/${encodeURIComponent(custom.action)}`;

  const call = async (path: string, method: 'GET' | 'POST'): Promise<void> => {
    setError(null);
    const res = await fetch(`${base}${path}`, { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const body = (await res.json().catch(() => ({}))) as DocumentState & { error?: unknown };
    if (res.ok) setState(body);
    else setError((body.error as { message?: string } | undefined)?.message ?? `HTTP ${res.status}`);
  };

  // Printing changes state (the first print issues the number), so it is a POST; the PDF comes back as a file.
  const print = async (): Promise<void> => {
    setError(null);
    setBusy(true);
    try {
      const res = await fetch(`${base}.pdf`, { method: 'POST', headers: { Accept: 'application/pdf, application/json' }, credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        setError(body.error?.message ?? `HTTP ${res.status}`);
        return;
      }
      const filename = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `${custom.action}.pdf`;
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setError(`Printing failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="grey" data-testid="ums-document">
      <H3>
        {custom.label}: {record.title}
      </H3>
      <Box flex flexDirection="row" mb="lg">
        <Button variant="contained" mr="default" disabled={busy} onClick={() => void print()} data-testid="ums-document-download">
          Download PDF
        </Button>
        <Button variant="outlined" mr="default" onClick={() => void call('/queue', 'POST')}>
          Prepare in the background
        </Button>
        {state && state.status !== 'none' && (
          <Button variant="text" onClick={() => void call('/status', 'GET')}>
            Refresh
          </Button>
        )}
      </Box>
      {state?.status === 'pending' && <Text>Document {state.number} is being prepared; refresh in a moment.</Text>}
      {state?.status === 'ready' && (
        <Text>
          Document {state.number} is ready: <a href={`${base}/stored.pdf`}>download it</a>.
        </Text>
      )}
      {state?.status === 'failed' && <Text color="error">Preparing document {state.number} failed: {state.error}</Text>}
      {error && <Text color="error">{error}</Text>}
    </Box>
  );
};

export default DocumentDownload;
