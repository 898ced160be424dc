/**
 * A role's rules on its page, in words ("Can read Books where the category is "Fiction"",
 * "Cannot create, update or delete Audit log: the audit log is append-only"), as the server reads
 * the compiled rules (core/access/rules-in-words.ts, through the role resource's `ruleWords`
 * action). A custom role also shows the JSON behind it; a stored rule that no longer validates
 * is named with what is wrong in it.
 */
import React, { useEffect, useState } from 'react';
import { ApiClient, type ShowPropertyProps } from 'adminjs';
import { Box, Label, Text } from '@adminjs/design-system';

const api = new ApiClient();

interface Answer {
  words?: string[];
  problems?: string[];
  builtin?: boolean;
}

const RoleRules: React.FC<ShowPropertyProps> = ({ property, record, resource }) => {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api
      .resourceAction({ resourceId: resource.id, actionName: 'ruleWords', params: { id: String(record.id) } })
      .then((res) => setAnswer(res.data as Answer))
      .catch(() => setFailed(true));
  }, [record.id]);
  const raw = record.params?.[property.path];
  return (
    <Box mb="xl" data-testid="role-rules">
      <Label>What this role may do</Label>
      {failed ? <Text>The rules could not be read: reload the page.</Text> : null}
      {answer?.words?.length ? (
        <ul data-testid="role-rules-words" style={{ margin: '4px 0 8px 20px', listStyle: 'disc' }}>
          {answer.words.map((w, i) => <li key={i}>{w}</li>)}
        </ul>
      ) : answer && !answer.problems?.length ? <Text>Nothing: this role grants no rules.</Text> : null}
      {answer?.problems?.length ? (
        <Box data-testid="role-rules-problems">
          <Text>These rules no longer validate, so the role grants nothing:</Text>
          {answer.problems.map((p, i) => <Text key={i}>{p}</Text>)}
        </Box>
      ) : null}
      {!answer?.builtin && typeof raw === 'string' && raw ? <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{raw}</pre> : null}
    </Box>
  );
};

export default RoleRules;
