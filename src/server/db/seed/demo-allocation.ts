// Demo cost allocation (#10 item 3): the spaces classified for the central-vs-department rule (from
// their use: classrooms and libraries are teaching spaces, halls, toilets, plant rooms and meeting
// rooms common parts, offices, laboratories and stores a department's own — the building's
// department of competence, else its largest occupant), and a rule for each lot, one per method
// that never waits for a missing fact, plus a building override.
import type { Kysely } from 'kysely';
import { newId } from '../../ids.ts';
import type { Database } from '../schema.ts';

const TEACHING = new Set(['Aula', 'Sala studio', 'Biblioteca']);
const COMMON = new Set(['Atrio', 'Servizi igienici', 'Locale tecnico', 'Spogliatoio', 'Sala riunioni']);
const OWN = new Set(['Ufficio', 'Laboratorio', 'Deposito']);

type Share = [dept: string | null, bp: number];
/** Per lot: the method and, for percentages, the shares (null: the central budget). */
const LOT_RULES: Record<string, { method: string; shares?: Share[] }> = {
  'Lotto 1': { method: 'central_vs_department' },
  'Lotto 2': { method: 'floor_area' },
  'Lotto 3': { method: 'floor_area' },
  'Lotto 4': {
    method: 'percentages',
    shares: [
      [null, 6000],
      ['DEIB', 2000],
      ['DMEC', 2000],
    ],
  },
  'Lotto 5': { method: 'central_vs_department' },
};
/** A department's own building: its own department decides, whatever the lot. */
const BUILDING_RULES: Record<string, { method: string }> = { 'MI-B03': { method: 'central_vs_department' } };

export async function seedDemoAllocation(db: Kysely<Database>, now: Date): Promise<void> {
  const ts = now.toISOString();
  const depts = new Map((await db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  const buildings = await db.selectFrom('buildings').select(['id', 'code', 'competence_department_id']).execute();
  const occupancies = await db.selectFrom('building_occupancies').select(['building_id', 'department_id', 'share_bp']).execute();
  const ownerOf = new Map<string, string | null>();
  for (const b of buildings) {
    const largest = occupancies.filter((o) => o.building_id === b.id).sort((x, y) => Number(y.share_bp) - Number(x.share_bp))[0];
    ownerOf.set(b.id, b.competence_department_id ?? largest?.department_id ?? null);
  }
  const spaces = await db.selectFrom('spaces').select(['id', 'building_id', 'use']).execute();
  for (const s of spaces) {
    const use = s.use ?? '';
    const kind = TEACHING.has(use) ? 'teaching' : COMMON.has(use) ? 'common' : OWN.has(use) ? 'department_own' : null;
    if (!kind) continue;
    await db
      .updateTable('spaces')
      .set({ allocation_kind: kind, department_id: kind === 'department_own' ? (ownerOf.get(s.building_id) ?? null) : null })
      .where('id', '=', s.id)
      .execute();
  }

  const rule = async (owner: { contract_id: string } | { building_id: string }, method: string, shares: Share[] = []) => {
    const id = newId();
    await db
      .insertInto('allocation_rules')
      .values({ id, contract_id: null, building_id: null, ...owner, method, updated_by_id: null, created_at: ts, updated_at: ts })
      .execute();
    if (shares.length)
      await db
        .insertInto('allocation_rule_shares')
        .values(shares.map(([d, bp], i) => ({ rule_id: id, position: i + 1, department_id: d ? depts.get(d)! : null, share_bp: bp })))
        .execute();
  };
  for (const c of await db.selectFrom('contracts').select(['id', 'lot']).execute()) {
    const r = LOT_RULES[c.lot];
    if (r) await rule({ contract_id: c.id }, r.method, r.shares);
  }
  for (const b of buildings) {
    const r = BUILDING_RULES[b.code];
    if (r) await rule({ building_id: b.id }, r.method);
  }
}
