/**
 * A file field in the admin, one component for every place:
 *  - lists and record pages: the file's name as a download link (the admin's
 *    `/x/files/<id>`, which checks the record and field rules again), and on
 *    the record page a preview of an image or PDF;
 *  - the edit form: the chosen file is uploaded at once
 *    (`POST <admin>/x/files/<entity>/<field>`, streamed and checked on the
 *    server: type from the content, size, quota) and the field takes the
 *    returned id; saving the form attaches it to the record.
 */
import React, { useEffect, useState } from 'react';
import { flat, useTranslation, type EditPropertyProps } from 'adminjs';
import { Box, Button, FormGroup, FormMessage, Label, Text, ValueGroup } from '@adminjs/design-system';

interface FileMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
}

interface FileFieldCustom {
  base: string;
  entity: string;
  field: string;
  multiple: boolean;
  accept: string[];
  maxBytes: number;
}

const fileIds = (params: Record<string, unknown> | undefined, path: string): string[] => {
  const value = flat.get((params ?? {}) as Parameters<typeof flat.get>[0], path) as unknown;
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  return typeof value === 'string' && value ? [value] : [];
};

const sizeText = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`);

/** A file already attached to the record: its name and size come from the server, which checks the record and field rules again. */
const FileLink: React.FC<{ base: string; id: string; preview: boolean }> = ({ base, id, preview }) => {
  const [meta, setMeta] = useState<FileMeta | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let live = true;
    fetch(`${base}/${encodeURIComponent(id)}?meta=1`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(async (res) => (res.ok ? ((await res.json()) as FileMeta) : null))
      .then((m) => live && (m ? setMeta(m) : setMissing(true)))
      .catch(() => live && setMissing(true));
    return () => {
      live = false;
    };
  }, [base, id]);
  if (missing) return <Text as="span">—</Text>;
  if (!meta) return <Text as="span">…</Text>;
  const url = `${base}/${encodeURIComponent(id)}`;
  return (
    <Box>
      <a href={url} download={meta.name} className="ums-file-link">{meta.name}</a> <Text as="span" color="grey60">({sizeText(meta.size)})</Text>
      {preview && meta.mime.startsWith('image/') ? (
        <Box mt="sm"><img src={`${url}?inline=1`} alt={meta.name} style={{ maxWidth: '100%', maxHeight: 480 }} /></Box>
      ) : null}
      {preview && meta.mime === 'application/pdf' ? (
        <Box mt="sm"><iframe src={`${url}?inline=1`} title={meta.name} style={{ width: '100%', height: 600, border: '1px solid #ddd' }} /></Box>
      ) : null}
    </Box>
  );
};

/**
 * A file uploaded in this form but not saved yet: the server serves a file only
 * once a record shows it, so there is no link to offer; the upload's answer
 * names it.
 */
const PendingFile: React.FC<{ meta: FileMeta }> = ({ meta }) => (
  <Text as="span" className="ums-file-pending">
    {meta.name} <Text as="span" color="grey60">({sizeText(meta.size)}, saved with the form)</Text>
  </Text>
);

type Props = EditPropertyProps & { where?: string };

const FileValue: React.FC<Props> = ({ property, record, resource, where }) => {
  const { translateProperty } = useTranslation();
  const custom = (property.custom as { umsFile?: FileFieldCustom } | undefined)?.umsFile;
  const ids = fileIds(record?.params, property.path);
  const links = custom && ids.length ? ids.map((id) => <FileLink key={id} base={custom.base} id={id} preview={where === 'show'} />) : <Text as="span">—</Text>;
  if (where !== 'show') return <>{links}</>;
  return (
    <Box className="ums-file-field" data-field={property.path}>
      <ValueGroup label={translateProperty(property.label, resource.id)}>{links}</ValueGroup>
    </Box>
  );
};

interface UploadAnswer {
  data?: FileMeta[];
  error?: { message?: string; fields?: Record<string, { message: string }> };
}

const FileInput: React.FC<EditPropertyProps> = ({ property, record, resource, onChange }) => {
  const { translateProperty, translateMessage } = useTranslation();
  const custom = (property.custom as { umsFile?: FileFieldCustom } | undefined)?.umsFile;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What this form uploaded, by id: those files have no link until the record is saved.
  const [uploaded, setUploaded] = useState<Record<string, FileMeta>>({});
  const ids = fileIds(record?.params, property.path);
  const recordError = record?.errors?.[property.path]?.message;
  if (!custom) return null;
  const inputId = `file-${property.path}`;
  const label = translateProperty(property.label, resource.id);

  const upload = async (input: HTMLInputElement): Promise<void> => {
    const files = Array.from(input.files ?? []);
    // Cleared at once, so the input never shows a name the field does not hold, and the same file can be chosen again.
    input.value = '';
    if (!files.length) return;
    // The server refuses it too (413, streamed); this spares sending megabytes only to hear so.
    const tooBig = files.find((f) => f.size > custom.maxBytes);
    if (tooBig) {
      setError(`${tooBig.name} is ${sizeText(tooBig.size)}; ${label} takes files of at most ${sizeText(custom.maxBytes)}.`);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const form = new FormData();
      for (const f of files) form.append(custom.field, f, f.name);
      const res = await fetch(`${custom.base}/${encodeURIComponent(custom.entity)}/${encodeURIComponent(custom.field)}`, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const body = (await res.json().catch(() => ({}))) as UploadAnswer;
      if (!res.ok || !body.data?.length) {
        // A field error is worded to follow a name ("is a file of type …"): the file's when one was sent.
        const fieldError = body.error?.fields?.[custom.field]?.message;
        setError(fieldError ? `${files.length === 1 ? files[0].name : label} ${fieldError}` : (body.error?.message ?? `The upload failed (HTTP ${res.status}).`));
        return;
      }
      const metas = body.data;
      setUploaded((prev) => ({ ...prev, ...Object.fromEntries(metas.map((m) => [m.id, m])) }));
      const added = metas.map((m) => m.id);
      onChange(property.path, custom.multiple ? [...ids, ...added] : added[0]);
    } catch {
      setError('The upload failed: the server could not be reached.');
    } finally {
      setBusy(false);
    }
  };

  const remove = (id: string): void => {
    setError(null);
    onChange(property.path, custom.multiple ? ids.filter((x) => x !== id) : null);
  };

  return (
    <FormGroup error={Boolean(error || recordError)} className="ums-file-field" data-field={property.path}>
      <Label htmlFor={inputId} required={property.isRequired}>{label}</Label>
      {ids.map((id) => (
        <Box key={id} mb="sm" className="ums-file-item" data-file-id={id} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          {uploaded[id] ? <PendingFile meta={uploaded[id]} /> : <FileLink base={custom.base} id={id} preview={false} />}
          <Button type="button" size="sm" variant="text" aria-label={`Remove ${uploaded[id]?.name ?? 'this file'}`} onClick={() => remove(id)}>Remove</Button>
        </Box>
      ))}
      <input id={inputId} type="file" multiple={custom.multiple} accept={custom.accept.join(',') || undefined} disabled={busy} onChange={(e) => void upload(e.currentTarget)} />
      {busy ? <Text as="span"> Uploading…</Text> : null}
      {property.description ? <Text variant="sm" color="grey60" mt="sm">{translateMessage(property.description, property.resourceId)}</Text> : null}
      <FormMessage>{error ?? recordError}</FormMessage>
    </FormGroup>
  );
};

const FileField: React.FC<Props> = (props) => (props.where === 'edit' ? <FileInput {...props} /> : <FileValue {...props} />);

export default FileField;
