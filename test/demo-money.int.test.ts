// #10 items 1–2 in the demo university: `npm run demo` (seedOnStart with the activity) leaves
// closing documents checked — one still missing, one returned — and final accounts in every state,
// played through the services; accounting and the service head find them where they work.
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.ts';
import { seedOnStart, type StartLog } from '../src/server/db/seed/on-start.ts';
import { describeEachDb } from './helpers/app.ts';
import { ok, type Obj } from './fixtures/workflow/workflow.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-demo-money-${process.pid}`);

describeEachDb(
  'demo money: documents and final accounts',
  (env) => {
    it('seeds documents and final accounts in every state through the services', async () => {
      const lines: Array<[string, string]> = [];
      const log: StartLog = {
        info: (m) => void lines.push(['info', m]),
        warn: (m) => void lines.push(['warn', m]),
        error: (m, e) => void lines.push(['error', `${m} ${e instanceof Error ? e.message : String(e)}`]),
      };
      const config = loadConfig({ PRESIDIO_DEMO: '1', ATTACHMENTS_DIR });
      const r = await seedOnStart(env.db, config, { now: env.clock.now, log });
      expect(r.seeded).toBe(true);
      expect(lines.filter(([level]) => level === 'error')).toEqual([]);
      expect(lines.map(([, m]) => m).join('\n')).toMatch(/Demo final accounts: .*approved/);

      const acc = await env.login('contabilita');
      const all = ok(await acc.get('/api/final-accounts?limit=500')).items as Obj[];
      const byState = (s: string) => all.filter((a) => a.status === s);
      for (const s of ['draft', 'submitted', 'needs_service_head', 'returned', 'approved']) expect(byState(s).length, s).toBeGreaterThan(0);
      const approved = byState('approved');
      expect(approved.length).toBeGreaterThanOrEqual(4);
      expect(approved.some((a) => a.basis === 'flat_fee' && a.chargeableNetCents === 0)).toBe(true);
      const extra = approved.filter((a) => a.basis === 'extra_fee');
      expect(extra.length).toBeGreaterThanOrEqual(2);
      for (const a of extra) expect(a.chargeableNetCents).toBe(a.netCents);
      // A priced line of the demo list, and a variance written down.
      expect(extra.some((a) => a.lines.some((l: Obj) => l.code?.startsWith('G.1.')))).toBe(true);
      expect(extra.some((a) => a.varianceCents > 0 && a.varianceReason)).toBe(true);
      const over = byState('needs_service_head')[0];
      expect(over.varianceBp).toBeGreaterThan(over.contract.varianceThresholdBp);
      expect(byState('returned')[0].returnReason).toBeTruthy();
      // Approved over more than one month, so that a monthly statement has material.
      const decided = new Set(approved.map((a) => a.decidedAt.slice(0, 7)));
      expect(decided.size).toBeGreaterThanOrEqual(2);
      for (const a of all) expect(Date.parse(a.updatedAt)).toBeLessThan(env.clock.now.getTime());

      // Documents: one still missing, one returned, those of every final account accepted.
      const open = ok(await acc.get('/api/as-built-documents?limit=200')).items as Obj[];
      expect(open.some((d) => d.state === 'missing')).toBe(true);
      expect(open.some((d) => d.state === 'returned' && d.reason)).toBe(true);
      const withAccount = new Set(all.map((a) => a.workOrder.id));
      expect(open.filter((d) => withAccount.has(d.workOrder.id))).toEqual([]);

      // The service head sees the variance to decide; the contractor its own draft to finish.
      const head = await env.login('capo.servizio');
      expect(ok(await head.get(`/api/final-accounts/${over.id}`)).availableActions).toEqual(['approve_variance', 'return_variance']);
      const draft = byState('draft')[0];
      const owner = (await env.db.selectFrom('users').select('username').where('contractor_id', '=', draft.contractor.id).execute()).map(
        (u) => u.username,
      );
      const contractor = await env.login(owner.find((u) => u.startsWith('ditta.'))!);
      expect(ok(await contractor.get(`/api/final-accounts/${draft.id}`))).toMatchObject({ canEdit: true, availableActions: ['submit'] });
    });

    it('the rest of the chain: approved final accounts allocated, statements approved and in draft, invoices in every state, a spend alert', async () => {
      const acc = await env.login('contabilita');
      const approved = (ok(await acc.get('/api/final-accounts?state=approved&limit=500')).items as Obj[]).filter(
        (a) => a.basis === 'extra_fee',
      );
      // Every approved extra-fee account is allocated, to the cent.
      const allocations = ok(await acc.get('/api/allocations?limit=1000')).items as Obj[];
      for (const a of approved)
        expect(
          allocations.filter((x) => x.finalAccountId === a.id).reduce((n, x) => n + x.netCents, 0),
          a.workOrder.number,
        ).toBe(a.chargeableNetCents);
      // Statements: last month's approved, this month's in draft; extra-fee work billed in them.
      const statements = ok(await acc.get('/api/statements?limit=200')).items as Obj[];
      expect(statements.some((x) => x.status === 'approved')).toBe(true);
      expect(statements.some((x) => x.status === 'draft')).toBe(true);
      const billed = await env.db.selectFrom('statement_items').select('final_account_id').where('kind', '=', 'extra_fee').execute();
      expect(billed.length).toBeGreaterThan(0);
      // Invoices: accepted, disputed, waiting for a decision.
      const invoices = ok(await acc.get('/api/invoices?limit=200')).items as Obj[];
      for (const state of ['accepted', 'disputed', 'registered'])
        expect(
          invoices.some((i) => i.status === state),
          state,
        ).toBe(true);
      expect(invoices.find((i) => i.status === 'disputed')!.mismatches.length).toBeGreaterThan(0);
      // Spend: a lot past 80 % and its alert in the service heads' mail.
      const home = ok(await acc.get('/api/accounting/home'));
      expect(home.spendAlerts.count).toBeGreaterThan(0);
      const alerts = await env.db.selectFrom('outbox').select('id').where('kind', '=', 'spend_threshold').execute();
      expect(alerts.length).toBeGreaterThan(0);
    });
  },
  { demo: false, env: { ATTACHMENTS_DIR } },
);
