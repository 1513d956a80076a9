// Secret iCalendar feeds of planned maintenance on both databases: who may create one, the URL
// shown once, the events of published programs only with their times right in Europe/Rome across
// the daylight-saving changes (a program in March, one in October), the scheduled time once a work
// order is scheduled, STATUS CANCELLED, and the same 404 for a revoked URL and an unknown one.
import { beforeAll, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { describeEachDb, type TestEnv, type Client } from './helpers/app.ts';
import { contractIdOfLot, makePlan } from './helpers/plan-fixtures.ts';
import { redactRequestUrl } from '../src/server/log.ts';

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string | null;
  end: string | null;
  day: string | null;
  status: string | null;
  lastModified: string | null;
}

function parseIcs(text: string): ParsedEvent[] {
  const comp = new ICAL.Component(ICAL.parse(text));
  const vtz = comp.getFirstSubcomponent('vtimezone');
  if (vtz) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  return comp.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    const allDay = e.startDate.isDate;
    return {
      uid: e.uid,
      summary: e.summary,
      start: allDay ? null : e.startDate.toJSDate().toISOString(),
      end: allDay ? null : e.endDate.toJSDate().toISOString(),
      day: allDay ? e.startDate.toString() : null,
      status: (v.getFirstPropertyValue('status') as string | null) ?? null,
      lastModified: v.getFirstPropertyValue('last-modified')?.toString() ?? null,
    };
  });
}

async function publishedProgram(
  env: TestEnv,
  contractId: string,
  month: string,
  edits: Record<string, { windowFrom: string; windowTo: string }>,
) {
  const c = await env.login('ditta.termica');
  let p = (await c.post('/api/programs', { contractId, month })).json();
  for (const item of p.items) {
    const e = edits[item.plannedOn];
    if (e) p = (await c.patch(`/api/programs/${p.id}/items/${item.id}`, { ...e, version: item.version })).json();
  }
  p = (await c.post(`/api/programs/${p.id}/actions/submit`, { version: p.version })).json();
  p = (await (await env.login('bm.centrale')).post(`/api/programs/${p.id}/actions/approve`, { version: p.version })).json();
  p = (await (await env.login('capo.servizio')).post(`/api/programs/${p.id}/actions/publish`, { version: p.version })).json();
  expect(p.status).toBe('published');
  return p;
}

describeEachDb('calendar feeds', (env) => {
  let contractId: string;
  let march: { items: Array<{ id: string; plannedOn: string; workOrderId: string }> };
  let contractor: Client;
  let feedUrl: string;

  beforeAll(async () => {
    contractId = await contractIdOfLot(env.db, 'Lotto 3');
    await env.db.updateTable('maintenance_plans').set({ active: 0 }).execute(); // only this file's plans
    await makePlan(env.db, {
      building: 'MI-B01',
      cls: 'TER',
      activity: 'Controllo caldaia',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,FR',
      startsOn: '2026-03-01',
    });
    march = await publishedProgram(env, contractId, '2026-03', {
      '2026-03-27': { windowFrom: '09:00', windowTo: '10:00' }, // CET: 08:00Z
      '2026-03-30': { windowFrom: '09:00', windowTo: '10:00' }, // CEST after the change of 29 March: 07:00Z
    });
    await publishedProgram(env, contractId, '2026-10', {
      '2026-10-23': { windowFrom: '14:00', windowTo: '15:30' }, // CEST: 12:00Z
      '2026-10-26': { windowFrom: '14:00', windowTo: '15:30' }, // CET after the change of 25 October: 13:00Z
    });
    // A draft program: never in a feed.
    await (await env.login('ditta.termica')).post('/api/programs', { contractId, month: '2026-04' });
    // One work order scheduled, one cancelled (their own actions belong to the planned work orders' module).
    const byDay = (d: string) => march.items.find((i) => i.plannedOn === d)!;
    await env.db
      .updateTable('work_orders')
      .set({ status: 'scheduled', scheduled_at: '2026-03-16T13:30:00.000Z', updated_at: '2026-03-11T10:00:00.000Z' })
      .where('id', '=', byDay('2026-03-16').workOrderId)
      .execute();
    await env.db
      .updateTable('work_orders')
      .set({ status: 'cancelled', updated_at: '2026-03-11T10:00:00.000Z' })
      .where('id', '=', byDay('2026-03-20').workOrderId)
      .execute();
    contractor = await env.login('ditta.termica');
  });

  it('creates a contract feed whose URL is shown once and stored only as a hash', async () => {
    const res = await contractor.post('/api/calendar-feeds', { contractId, name: 'Lotto 3 manutenzioni' });
    expect(res.statusCode).toBe(201);
    const f = res.json();
    feedUrl = f.url;
    expect(feedUrl).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = feedUrl.split('/').pop()!.replace('.ics', '');
    const row = await env.db.selectFrom('calendar_feeds').selectAll().where('id', '=', f.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const list = (await contractor.get('/api/calendar-feeds')).json();
    expect(list.items.find((i: { id: string }) => i.id === f.id)).toMatchObject({ name: 'Lotto 3 manutenzioni', revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(token);
    expect(redactRequestUrl(`/api/calendar/${token}.ics`)).toBe('/api/calendar/[redacted]');
  });

  it('serves the published items with the right Rome times across both DST changes; scheduled time; cancelled', async () => {
    const res = await env.anonymous().get(new URL(feedUrl).pathname);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.body).toContain('DTSTART;TZID=Europe/Rome:20260327T090000');
    const events = parseIcs(res.body);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const item = (d: string) => byUid.get(`${march.items.find((i) => i.plannedOn === d)!.id}@presidio`)!;
    expect(item('2026-03-27')).toMatchObject({
      start: '2026-03-27T08:00:00.000Z',
      end: '2026-03-27T09:00:00.000Z',
      summary: 'Controllo caldaia — MI-B01 Palazzo del Rettorato',
    });
    expect(item('2026-03-30')).toMatchObject({ start: '2026-03-30T07:00:00.000Z', end: '2026-03-30T08:00:00.000Z' });
    expect(item('2026-03-02')).toMatchObject({ day: '2026-03-02', start: null });
    expect(item('2026-03-16')).toMatchObject({ start: '2026-03-16T13:30:00.000Z' });
    expect(item('2026-03-20').status).toBe('CANCELLED');
    expect(item('2026-03-02').status).toBe('CONFIRMED');
    expect(item('2026-03-02').lastModified).toBeTruthy();
    const oct = events.filter((e) => e.start?.startsWith('2026-10-2'));
    expect(oct.map((e) => [e.start, e.end]).sort()).toEqual([
      ['2026-10-23T12:00:00.000Z', '2026-10-23T13:30:00.000Z'],
      ['2026-10-26T13:00:00.000Z', '2026-10-26T14:30:00.000Z'],
    ]);
    // March (9 occurrences) + October (Mondays and Fridays: 9); the April draft is not there.
    expect(events.every((e) => !(e.day ?? e.start ?? '').startsWith('2026-04'))).toBe(true);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it('who may create which feed', async () => {
    const b01 = (await env.db.selectFrom('buildings').select('id').where('code', '=', 'MI-B01').executeTakeFirstOrThrow()).id;
    expect((await (await env.login('ditta.edile')).post('/api/calendar-feeds', { contractId, name: 'x' })).statusCode).toBe(404);
    expect((await (await env.login('callcenter')).post('/api/calendar-feeds', { buildingId: b01, name: 'Rettorato' })).statusCode).toBe(
      201,
    );
    expect((await (await env.login('bm.centrale')).post('/api/calendar-feeds', { buildingId: b01, name: 'Rettorato' })).statusCode).toBe(
      201,
    );
    expect((await (await env.login('bm.deib')).post('/api/calendar-feeds', { buildingId: b01, name: 'x' })).statusCode).toBe(404);
    expect((await (await env.login('richiedente')).post('/api/calendar-feeds', { buildingId: b01, name: 'x' })).statusCode).toBe(403);
    const both = await contractor.post('/api/calendar-feeds', { contractId, buildingId: b01, name: 'x' });
    expect(both.statusCode).toBe(400);
    // A building manager's contract feed shows only its buildings.
    const deibFeed = (await (await env.login('bm.deib')).post('/api/calendar-feeds', { contractId, name: 'DEIB' })).json();
    const ics = await env.anonymous().get(new URL(deibFeed.url).pathname);
    expect(parseIcs(ics.body)).toEqual([]);
  });

  it('a revoked URL and an unknown one both answer the same 404 problem', async () => {
    const f = (await contractor.get('/api/calendar-feeds')).json().items[0];
    expect((await contractor.delete(`/api/calendar-feeds/${f.id}`)).statusCode).toBe(204);
    const revoked = await env.anonymous().get(new URL(feedUrl).pathname);
    const unknown = await env.anonymous().get(`/api/calendar/${'A'.repeat(43)}.ics`);
    expect(revoked.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(revoked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(revoked.body).toBe(unknown.body);
    expect((await (await env.login('ditta.edile')).delete(`/api/calendar-feeds/${f.id}`)).statusCode).toBe(404);
  });
});
