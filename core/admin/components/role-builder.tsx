/**
 * A custom role's rules, built in the form: per rule a subject (entities of the organization's enabled
 * modules), actions as checkboxes, an optional field choice and conditions from a small builder using
 * the manifests' operators ($eq … $lte, $some on a to-many). What it edits is the role's stored JSON
 * rules, which experts may edit directly (the toggle); the server validates every save in one place
 * and its messages (naming the rule) are shown under the field. Rules the builder cannot show (several
 * subjects, $or/$not) are kept as they are and shown as JSON.
 */
import React, { useEffect, useState } from 'react';
import { ApiClient, type EditPropertyProps } from 'adminjs';
import { Box, Button, FormGroup, FormMessage, Label, Text } from '@adminjs/design-system';
import { fromJson, toJson, type Cond, type Draft, type Options } from './role-drafts.js';

const api = new ApiClient();

const OP_LABELS: Record<string, string> = { $eq: 'is', $ne: 'is not', $in: 'is one of (comma-separated)', $nin: 'is none of (comma-separated)', $gt: 'is more than', $gte: 'is at least', $lt: 'is less than', $lte: 'is at most' };

const box = { border: '1px solid #c0c0ca', borderRadius: 4, padding: 12, marginBottom: 12 } as const;
const inline = { display: 'inline-flex', alignItems: 'center', gap: 4, marginRight: 12 } as const;

const RoleBuilder: React.FC<EditPropertyProps> = ({ property, record, onChange, resource }) => {
  const raw = record?.params?.[property.path];
  const initialText = typeof raw === 'string' ? raw : raw === null || raw === undefined ? '[]' : JSON.stringify(raw, null, 2);
  const [options, setOptions] = useState<Options | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Draft[] | null>(() => fromJson(initialText));
  const [text, setText] = useState(initialText);
  const [asJson, setAsJson] = useState(() => fromJson(initialText) === null);
  const [jsonError, setJsonError] = useState<string | null>(null);

  useEffect(() => {
    api
      .resourceAction({ resourceId: resource.id, actionName: 'roleBuilder' })
      .then((res) => setOptions((res.data as { builder?: Options }).builder ?? null))
      .catch(() => setLoadError('The subjects could not be loaded: reload the page, or edit the rules as JSON.'));
  }, []);

  const publish = (next: Draft[]): void => {
    setDrafts(next);
    const json = JSON.stringify(toJson(next, options), null, 2);
    setText(json);
    onChange(property.path, json);
  };
  const update = (i: number, change: Partial<Draft>): void => publish((drafts ?? []).map((d, k) => (k === i ? { ...d, ...change } : d)));
  const updateCond = (i: number, c: number, change: Partial<Cond>): void => {
    const d = (drafts ?? [])[i];
    update(i, { conds: d.conds.map((x, k) => (k === c ? { ...x, ...change } : x)) });
  };
  const toggleJson = (on: boolean): void => {
    if (on) return setAsJson(true);
    const parsed = fromJson(text);
    if (!parsed) return setJsonError('The JSON is not a list of rules the builder can read: fix it or keep editing it as JSON.');
    setJsonError(null);
    setDrafts(parsed);
    setAsJson(false);
  };

  const error = record?.errors?.[property.path]?.message;
  const entityOf = (key: string) => options?.entities.find((e) => e.key === key);
  const modules = [...new Set((options?.entities ?? []).map((e) => e.moduleLabel))];

  return (
    <FormGroup error={Boolean(error)} data-testid="role-builder">
      <Label>Rules</Label>
      <label style={inline}>
        <input type="checkbox" data-testid="rules-as-json" checked={asJson} onChange={(e) => toggleJson(e.target.checked)} /> Edit the rules as JSON (for experts)
      </label>
      {loadError ? <Text color="error">{loadError}</Text> : null}
      {jsonError ? <Text color="error">{jsonError}</Text> : null}
      {asJson ? (
        <textarea
          aria-label="Rules as JSON"
          data-testid="rules-json"
          rows={14}
          style={{ width: '100%', fontFamily: 'monospace' }}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onChange(property.path, e.target.value);
          }}
        />
      ) : (
        <Box mt="default">
          {(drafts ?? []).map((d, i) => {
            const entity = entityOf(d.subject);
            if (d.raw !== undefined) {
              return (
                <Box key={i} style={box} data-testid={`rule-${i}`}>
                  <Text>Rule {i + 1} uses what the builder does not show (several subjects, $or, $not): edit it as JSON.</Text>
                  <pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(d.raw, null, 2)}</pre>
                  <Button type="button" size="sm" variant="text" onClick={() => publish((drafts ?? []).filter((_x, k) => k !== i))}>Remove rule {i + 1}</Button>
                </Box>
              );
            }
            return (
              <Box key={i} style={box} data-testid={`rule-${i}`}>
                <Text fontWeight="bold" mb="sm">Rule {i + 1}</Text>
                <label style={inline}>
                  {d.inverted ? 'Cannot' : 'Can'} act on
                  <select aria-label={`Rule ${i + 1} subject`} data-testid={`rule-${i}-subject`} value={d.subject} onChange={(e) => update(i, { subject: e.target.value, fields: null, conds: [], actions: ['read'] })}>
                    <option value="">— choose what —</option>
                    {modules.map((m) => (
                      <optgroup key={m} label={m}>
                        {options!.entities.filter((e) => e.moduleLabel === m).map((e) => <option key={e.key} value={e.key}>{e.pluralLabel}</option>)}
                      </optgroup>
                    ))}
                  </select>
                </label>
                <Box mt="sm">
                  {(entity?.actions ?? []).map((a) => (
                    <label key={a.name} style={inline}>
                      <input
                        type="checkbox"
                        data-testid={`rule-${i}-action-${a.name}`}
                        checked={d.actions.includes(a.name)}
                        onChange={(e) => update(i, { actions: e.target.checked ? [...d.actions, a.name] : d.actions.filter((x) => x !== a.name) })}
                      />
                      {a.label}
                    </label>
                  ))}
                  <label style={inline}>
                    <input type="checkbox" checked={Boolean(d.inverted)} onChange={(e) => update(i, { inverted: e.target.checked })} /> Deny instead (cannot)
                  </label>
                </Box>
                {entity ? (
                  <Box mt="sm">
                    <label style={inline}>
                      <input type="checkbox" data-testid={`rule-${i}-some-fields`} checked={d.fields !== null} onChange={(e) => update(i, { fields: e.target.checked ? [] : null })} /> Only some fields
                    </label>
                    {d.fields !== null
                      ? entity.fields.map((f) => (
                          <label key={f.name} style={inline}>
                            <input type="checkbox" checked={d.fields!.includes(f.name)} onChange={(e) => update(i, { fields: e.target.checked ? [...d.fields!, f.name] : d.fields!.filter((x) => x !== f.name) })} />
                            {f.label}
                          </label>
                        ))
                      : null}
                  </Box>
                ) : null}
                {entity ? (
                  <Box mt="sm">
                    {d.conds.length ? <Text>Only where (all of):</Text> : null}
                    {d.conds.map((c, k) => {
                      const many = entity.toMany.find((t) => t.path === c.path);
                      const fields = many ? many.fields : entity.conditionFields;
                      const leaf = many ? c.inner ?? '' : c.path;
                      const field = fields.find((f) => f.path === leaf);
                      const listId = `rule-${i}-cond-${k}-values`;
                      return (
                        <Box key={k} mt="sm" data-testid={`rule-${i}-cond-${k}`}>
                          <select aria-label="Condition field" data-testid={`rule-${i}-cond-${k}-field`} value={c.path} onChange={(e) => updateCond(i, k, { path: e.target.value, inner: undefined })}>
                            <option value="">— field —</option>
                            {entity.conditionFields.map((f) => <option key={f.path} value={f.path}>{f.label}</option>)}
                            {entity.toMany.map((t) => <option key={t.path} value={t.path}>Some of its {t.label}…</option>)}
                          </select>{' '}
                          {many ? (
                            <select aria-label="Related field" data-testid={`rule-${i}-cond-${k}-inner`} value={c.inner ?? ''} onChange={(e) => updateCond(i, k, { inner: e.target.value })}>
                              <option value="">— their field —</option>
                              {many.fields.map((f) => <option key={f.path} value={f.path}>{f.label}</option>)}
                            </select>
                          ) : null}{' '}
                          <select aria-label="Operator" data-testid={`rule-${i}-cond-${k}-op`} value={c.op} onChange={(e) => updateCond(i, k, { op: e.target.value })}>
                            {(options?.operators ?? []).map((op) => <option key={op} value={op}>{OP_LABELS[op] ?? op}</option>)}
                          </select>{' '}
                          <input aria-label="Value" data-testid={`rule-${i}-cond-${k}-value`} list={listId} value={c.value} onChange={(e) => updateCond(i, k, { value: e.target.value })} />
                          <datalist id={listId}>
                            {(field?.values ?? []).map((v) => <option key={v} value={v} />)}
                            {(options?.placeholders ?? []).map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
                          </datalist>{' '}
                          <Button type="button" size="sm" variant="text" onClick={() => update(i, { conds: d.conds.filter((_x, n) => n !== k) })}>Remove</Button>
                        </Box>
                      );
                    })}
                    <Button type="button" size="sm" variant="outlined" mt="sm" data-testid={`rule-${i}-add-condition`} onClick={() => update(i, { conds: [...d.conds, { path: '', op: '$eq', value: '' }] })}>Add a condition</Button>
                  </Box>
                ) : null}
                <Box mt="sm">
                  <Button type="button" size="sm" variant="text" onClick={() => publish((drafts ?? []).filter((_x, k) => k !== i))}>Remove rule {i + 1}</Button>
                </Box>
              </Box>
            );
          })}
          <Button type="button" size="sm" variant="outlined" data-testid="add-rule" onClick={() => publish([...(drafts ?? []), { subject: '', actions: ['read'], fields: null, conds: [] }])}>Add a rule</Button>
        </Box>
      )}
      <FormMessage>
        {error ? (
          <span data-testid="rules-error">
            {error.split('; ').map((m, i) => <span key={i} style={{ display: 'block' }}>{m}</span>)}
          </span>
        ) : null}
      </FormMessage>
    </FormGroup>
  );
};

export default RoleBuilder;
