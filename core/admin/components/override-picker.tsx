/**
 * The form fields of an approver override, picked from lists: workflow (of the organization's
 * enabled modules, with approvals) → transition → step, each list depending on the one before, and
 * the roles as checkboxes (the organization's roles: built-in roles of enabled modules and custom
 * ones). The same component serves the four fields, by the field it is given; the options come
 * from the resource's `overrideOptions` action. The server still refuses a combination that does
 * not exist, as a field error shown under the field.
 */
import React, { useEffect, useState } from 'react';
import { ApiClient, useTranslation, type EditPropertyProps } from 'adminjs';
import { FormGroup, FormMessage, Label } from '@adminjs/design-system';
import type { OverrideOptions } from '../roles/options.js';

const api = new ApiClient();
let cached: Promise<OverrideOptions> | undefined;

const parseRoles = (raw: unknown): string[] => {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string' || !raw.trim()) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

const OverridePicker: React.FC<EditPropertyProps> = ({ property, record, onChange, resource }) => {
  const { translateProperty } = useTranslation();
  const [options, setOptions] = useState<OverrideOptions | null>(null);
  useEffect(() => {
    cached ??= api.resourceAction({ resourceId: resource.id, actionName: 'overrideOptions' }).then((res) => res.data as OverrideOptions);
    cached.then(setOptions).catch(() => setOptions({ workflows: [], roles: [] }));
  }, []);
  const params = record?.params ?? {};
  const path = property.path;
  const error = record?.errors?.[path];
  const id = `override-${path}`;
  const wf = options?.workflows.find((w) => w.key === params.workflow);
  const transition = wf?.transitions.find((t) => t.name === params.transition);
  const step = transition?.steps.find((s) => s.name === params.step);
  const select = (choices: { value: string; label: string }[], placeholder: string, clear: string[]): React.ReactNode => (
    <select
      id={id}
      data-testid={id}
      value={String(params[path] ?? '')}
      onChange={(e) => {
        onChange(path, e.target.value);
        // A change up the chain empties what depended on it.
        for (const f of clear) onChange(f, '');
      }}
      style={{ minWidth: 280, padding: 6 }}
    >
      <option value="">{placeholder}</option>
      {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
    </select>
  );
  let input: React.ReactNode;
  if (path === 'workflow') input = select((options?.workflows ?? []).map((w) => ({ value: w.key, label: w.label })), '— choose a workflow —', ['transition', 'step']);
  else if (path === 'transition') input = select((wf?.transitions ?? []).map((t) => ({ value: t.name, label: t.label })), wf ? '— choose a transition —' : '— choose a workflow first —', ['step']);
  else if (path === 'step') input = select((transition?.steps ?? []).map((s) => ({ value: s.name, label: `${s.label}${s.roles.length ? ` (manifest: ${s.roles.join(', ')})` : ''}` })), transition ? '— choose a step —' : '— choose a transition first —', []);
  else {
    const chosen = parseRoles(params[path]);
    const toggle = (key: string, on: boolean): void => onChange(path, JSON.stringify(on ? [...chosen, key] : chosen.filter((r) => r !== key)));
    input = (
      <div id={id} data-testid={id} role="group" aria-label="Roles">
        {step ? <div style={{ marginBottom: 4 }}>The manifest's approvers of this step: {step.roles.join(', ') || 'none by role'}</div> : null}
        {(options?.roles ?? []).map((r) => (
          <label key={r.key} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginRight: 14 }}>
            <input type="checkbox" value={r.key} checked={chosen.includes(r.key)} onChange={(e) => toggle(r.key, e.target.checked)} />
            {r.label}
          </label>
        ))}
      </div>
    );
  }
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} required={property.isRequired}>{translateProperty(property.label, resource.id)}</Label>
      {input}
      <FormMessage>{error?.message}</FormMessage>
    </FormGroup>
  );
};

export default OverridePicker;
