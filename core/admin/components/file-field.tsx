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
import { flat, type EditPropertyProps } from 'adminjs';
import { Box, Button, FormGroup, FormMessage, Label, Text } from '@adminjs/design-system';

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

const FileValue: React.FC<{ property: EditPropertyProps['property']; record?: EditPropertyProps['record']; where?: string }> = ({ property, record, where }) => {
  const custom = (property.custom as { umsFile?: FileFieldCustom } | undefined)?.umsFile;
  const ids = fileIds(record?.params, property.path);
  const links = custom && ids.length ? ids.map((id) => <FileLink key={id} base={custom.base} id={id} preview={where === 'show'} />) : <Text as="span">—</Text>;
  if (where !== 'show') return <>{links}</>;
  return (
    <Box mb="xl">
      <Label>{property.label}</Label>
      {links}
    </Box>
  );
};


const FileInput: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const custom = (property.custom as { umsFile?: FileFieldCustom } | undefined)?.umsFile;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = fileIds(record?.params, property.path);
  const recordError = record?.errors?.[property.path]?.message;
  if (!custom) return null;
  const inputId = `file-${property.path}`;

  const upload = async (files: FileList | null): Promise<void> => {
    if (!files || !files.length) return;
    setError(null);
    setBusy(true);
    try {
      const form = new FormData();
      for (const f of Array.from(files)) form.append(custom.field, f, f.name);
      const res = await fetch(`${custom.base}/${encodeURIComponent(custom.entity)}/${encodeURIComponent(custom.field)}`, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const body = (await res.json().catch(() => ({}))) as { data?: { id: string }[]; error?: { message?: string; fields?: Record<string, { message: string }> } };
      if (!res.ok || !body.data) {
        setError(body.error?.fields?.[custom.field]?.message ?? body.error?.message ?? `The upload failed (HTTP ${res.status}).`);
        return;
      }
      const uploaded = body.data.map((d) => d.id);
      onChange(property.path, custom.multiple ? [...ids, ...uploaded] : uploaded[0]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormGroup error={Boolean(error || recordError)}>
      <Label htmlFor={inputId} required={property.isRequired}>{property.label}</Label>
      {ids.map((id) => (
        <Box key={id} mb="sm">
          <FileLink base={custom.base} id={id} preview={false} />{' '}
          <Button type="button" size="sm" variant="text" onClick={() => onChange(property.path, custom.multiple ? ids.filter((x) => x !== id) : null)}>Remove</Button>
        </Box>
      ))}
      <input id={inputId} type="file" multiple={custom.multiple} accept={custom.accept.join(',') || undefined} disabled={busy} onChange={(e) => void upload(e.target.files)} />
      {busy ? <Text as="span"> Uploading…</Text> : null}
      <FormMessage>{error ?? recordError}</FormMessage>
    </FormGroup>
  );
};


const FileField: React.FC<EditPropertyProps & { where?: string }> = (props) =>
  props.where === 'edit' ? <FileInput {...props} /> : <FileValue property={props.property} record={props.record} where={props.where} />;

export default FileField;
