/**
 * Roll call for one attendance session: every student ENROLLED in the
 * session's course with a present/absent toggle, saved in one request to the
 * `roll_call` action (one transaction server-side). The lists come from the
 * ordinary list API, so they show exactly what the signed-in user may read.
 */
import React, { useCallback, useEffect, useState } from 'react';
import { ApiClient, useNotice, type ActionProps, type RecordJSON } from 'adminjs';
import { Box, Button, H3, Loader, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

interface Row {
  student: string;
  name: string;
  present: boolean;
  saved: boolean | null;
  /** Absent on approved leave (student leave marks it). */
  excused: boolean;
}

const api = new ApiClient();

async function listAll(resourceId: string, filters: Record<string, string>): Promise<RecordJSON[]> {
  const params: Record<string, string | number> = { perPage: 500 };
  for (const [k, v] of Object.entries(filters)) params[`filters.${k}`] = v;
  const response = await api.resourceAction({ resourceId, actionName: 'list', params });
  return ((response.data as { records?: RecordJSON[] }).records ?? []);
}

const asBoolean = (v: unknown): boolean => v === true || v === 'true';

const RollCall: React.FC<ActionProps> = ({ record, resource, action }) => {
  const addNotice = useNotice();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    if (!record) return;
    try {
      const [enrollments, marks] = await Promise.all([
        listAll('InstituteEnrollment', { course: String(record.params.course), status: 'ENROLLED' }),
        listAll('InstituteAttendanceRecord', { session: String(record.id) }),
      ]);
      const saved = new Map(marks.map((m) => [String(m.params.student), asBoolean(m.params.present)]));
      const excused = new Set(marks.filter((m) => asBoolean(m.params.excused)).map((m) => String(m.params.student)));
      const list = enrollments.map((e) => {
        const student = String(e.params.student);
        const previous = saved.has(student) ? saved.get(student)! : null;
        return { student, name: e.populated?.student?.title ?? String(e.params.title ?? student), present: previous ?? true, saved: previous, excused: excused.has(student) };
      });
      list.sort((a, b) => a.name.localeCompare(b.name));
      setRows(list);
    } catch (err) {
      setError(`Could not load the students: ${(err as Error).message}`);
    }
  }, [record]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!record) return <MessageBox variant="danger" message="No session selected." />;
  if (error) return <MessageBox variant="danger" message={error} />;
  if (!rows) return <Loader />;

  const setAll = (present: boolean): void => setRows(rows.map((r) => ({ ...r, present })));
  const toggle = (student: string): void => setRows(rows.map((r) => (r.student === student ? { ...r, present: !r.present } : r)));
  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      const marks = JSON.stringify(rows.map((r) => ({ student: r.student, present: r.present })));
      const response = await api.recordAction({ resourceId: resource.id, recordId: String(record.id), actionName: action.name, data: { marks } });
      const notice = (response.data as { notice?: { message: string; type?: 'success' | 'error' } }).notice;
      if (notice) addNotice(notice);
      await load();
    } catch (err) {
      addNotice({ message: `The roll call was not saved: ${(err as Error).message}`, type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  const present = rows.filter((r) => r.present).length;
  return (
    <Box variant="white">
      <H3>{String(record.title ?? 'Roll call')}</H3>
      {rows.length === 0 ? (
        <Text>No student is enrolled in this course yet.</Text>
      ) : (
        <>
          <Box flex flexDirection="row" mb="lg" alignItems="center">
            <Text mr="lg">
              {present} present, {rows.length - present} absent
            </Text>
            <Button type="button" size="sm" variant="outlined" mr="sm" onClick={() => setAll(true)}>
              All present
            </Button>
            <Button type="button" size="sm" variant="outlined" onClick={() => setAll(false)}>
              All absent
            </Button>
          </Box>
          <Table>
            <TableHead>
              <TableRow>
                <TableCell>Student</TableCell>
                <TableCell>Attendance</TableCell>
                <TableCell>Saved</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.student} data-testid="roll-call-row">
                  <TableCell>{r.name}</TableCell>
                  <TableCell>
                    <Button type="button" size="sm" variant={r.present ? 'success' : 'danger'} onClick={() => toggle(r.student)} data-testid="roll-call-toggle">
                      {r.present ? 'Present' : r.excused ? 'Absent (excused)' : 'Absent'}
                    </Button>
                  </TableCell>
                  <TableCell>{r.saved === null ? '—' : r.saved ? 'present' : r.excused ? 'excused (on leave)' : 'absent'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Box mt="xl">
            <Button type="button" variant="contained" disabled={saving} onClick={() => void save()} data-testid="roll-call-save">
              {saving ? 'Saving…' : 'Save roll call'}
            </Button>
          </Box>
        </>
      )}
    </Box>
  );
};

export default RollCall;
