/**
 * The form of a workflow action (a transition, an approval, a rejection), for
 * one record or, as a bulk action, for several: shows what will happen and the
 * steps already given, takes a comment, and posts it with the version the user
 * saw so a record changed meanwhile is refused instead of overwritten.
 */
import React, { useState } from 'react';
import { ApiClient, useActionResponseHandler, useNotice, useTranslation, type ActionProps, type RecordJSON } from 'adminjs';
import { Box, Button, H4, Label, Text, TextArea } from '@adminjs/design-system';

const api = new ApiClient();

interface Info {
  state: string;
  actions: { name: string; commentRequired: boolean }[];
  blocked?: { name: string; reason: string }[];
  waitingFor: string[];
  given: { step: string; actor: string; asRole: string }[];
}

const WorkflowTransition: React.FC<ActionProps> = (props) => {
  const { action, resource } = props;
  const record = props.record as (RecordJSON & { params: Record<string, unknown> }) | undefined;
  const records = (props.records ?? []) as RecordJSON[];
  const raw = record?.params.__workflow;
  const info = typeof raw === 'string' && raw ? (JSON.parse(raw) as Info) : undefined;
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  // The manifest's label ("Approve course"), from the translations built from it; action.label is the action's name.
  const { translateAction } = useTranslation();
  const label = translateAction(action.name, resource.id);
  // AdminJS's own answer handling: the notice, then an in-app navigation (a full reload would drop the notice).
  const handleResponse = useActionResponseHandler(() => undefined);
  const commentRequired = info?.actions.find((a) => a.name === action.name)?.commentRequired ?? action.name.includes('reject');

  const submit = async (): Promise<void> => {
    setBusy(true);
    try {
      const response = record
        ? await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'post', data: { comment, version: String(record.params.version ?? '') } })
        : await api.bulkAction({ resourceId: resource.id, recordIds: records.map((r) => r.id), actionName: action.name, method: 'post', data: { comment } });
      const data = response.data as { notice?: { message: string; type: 'success' | 'error' }; redirectUrl?: string };
      // A refusal stays on this form (the comment is kept) with its notice; anything else goes where the server says.
      if (data.notice?.type === 'error') addNotice(data.notice);
      else handleResponse(response);
    } catch {
      addNotice({ message: `${label} failed: the server did not answer. Reload the page and try again.`, type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="grey">
      <Box variant="white" p="xl">
        <H4>{label}</H4>
        {record && info && <Text mb="lg">Current state: <strong>{info.state}</strong></Text>}
        {!record && <Text mb="lg">{records.length} selected record(s). Each is checked on its own; the result lists what was done and what was refused.</Text>}
        {info?.blocked?.find((b) => b.name === action.name) && (
          <Text mb="lg" data-testid="workflow-blocked">{info.blocked.find((b) => b.name === action.name)!.reason}</Text>
        )}
        {info && info.waitingFor.length > 0 && <Text mb="default">Waiting for: {info.waitingFor.join(', ')}</Text>}
        {info && info.given.length > 0 && (
          <Box mb="lg">
            <Text>Approvals already given:</Text>
            {info.given.map((g) => <Text key={`${g.step}-${g.actor}`}>• {g.step}: {g.actor} ({g.asRole})</Text>)}
          </Box>
        )}
        <Label htmlFor="workflow-comment" required={commentRequired}>Comment</Label>
        <TextArea id="workflow-comment" width={1} rows={4} value={comment} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setComment(e.target.value)} />
        <Box mt="xl">
          <Button variant="contained" disabled={busy || (commentRequired && !comment.trim())} onClick={submit} data-testid="workflow-submit">
            {label}
          </Button>
        </Box>
      </Box>
    </Box>
  );
};

export default WorkflowTransition;
